using System.Text.Json;

namespace Learn.Dnn.Grade;

/// <summary>One graded exercise as exercises/exercises.json lists it: the grader trusts this list, not the tests it finds.</summary>
public sealed record Exercise(string Id, int Chapter, string Title, int Points, string File, string Hint, string[] Tests);

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
        return metadata;
    }

    public string ChapterTitle(int chapter) =>
        Chapters.FirstOrDefault(c => c.Number == chapter)?.Title ?? $"Chapter {chapter}";
}
