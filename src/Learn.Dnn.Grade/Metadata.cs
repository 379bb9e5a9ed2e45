using System.Text.Json;

namespace Learn.Dnn.Grade;

/// <summary>
/// One graded exercise as exercises/exercises.json lists it: the grader trusts this list, not the tests it finds.
/// <see cref="Hints"/> come in tiers, read one at a time: a nudge, then the formula, then code.
/// <see cref="MustNotUse"/> names the engine's own implementations of the thing the exercise asks for
/// (identifiers such as <c>GradientCheck</c>): code between the markers that uses one fails every graded test.
/// </summary>
public sealed record Exercise(string Id, int Chapter, string Title, int Points, string File, string[] Hints, string[] Tests,
                              string[]? MustNotUse = null)
{
    /// <summary>The names of the hint tiers, in the order they are given.</summary>
    public static readonly string[] HintTiers = ["nudge", "formula", "code"];

    /// <summary>The first hint, the nudge.</summary>
    public string Hint => Hints[0];
}

/// <summary>A chapter's number and title, for the report card.</summary>
public sealed record ChapterInfo(int Number, string Title);

/// <summary>exercises/exercises.json: the chapters, and every exercise with its points, hint and the tests that grade it.</summary>
public sealed record Metadata(ChapterInfo[] Chapters, Exercise[] Exercises)
{
    public static Metadata Load(string path)
    {
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };
        var metadata = JsonSerializer.Deserialize<Metadata>(File.ReadAllText(path), options)
                       ?? throw new FormatException($"{path}: expected an object with 'chapters' and 'exercises', got null.");
        foreach (var e in metadata.Exercises)
            if (string.IsNullOrEmpty(e.Id) || e.Points <= 0 || e.Tests is not { Length: > 0 })
                throw new FormatException($"{path}: exercise '{e.Id}' needs an id, points > 0 and at least one test.");
            else if (e.Hints is null || e.Hints.Length != Exercise.HintTiers.Length || e.Hints.Any(string.IsNullOrWhiteSpace))
                throw new FormatException($"{path}: exercise '{e.Id}' needs {Exercise.HintTiers.Length} hints: {string.Join(", then ", Exercise.HintTiers)}.");
        return metadata;
    }

    public string ChapterTitle(int chapter) =>
        Chapters.FirstOrDefault(c => c.Number == chapter)?.Title ?? $"Chapter {chapter}";
}
