using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Learn.Dnn.Grade;
using Xunit;

namespace Learn.Dnn.Exercises.Tests;

/// <summary>
/// Checks on the exercise set itself (not graded): the stubs are derived from the solutions, and
/// exercises.json — which the grader trusts — lists exactly the graded tests that exist.
/// </summary>
public class ExerciseSetTests
{
    private static string ExercisesDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, ".."));

    private static Metadata Metadata => Metadata.Load(Path.Combine(ExercisesDirectory(), "exercises.json"));

    [Fact]
    public void Stubs_match_solutions()
    {
        var pairs = StubGenerator.Pairs(ExercisesDirectory()).ToList();
        Assert.NotEmpty(pairs);
        foreach (var (solution, stub) in pairs)
        {
            var relative = Path.GetRelativePath(Path.GetDirectoryName(ExercisesDirectory())!, stub);
            Assert.True(File.Exists(stub), $"{relative} is missing. Restore it with `git checkout {relative}` (learner) or regenerate the stubs with `dotnet run --project src/Learn.Dnn.Grade -- generate-stubs` (maintainer).");
            var expected = StubGenerator.Generate(File.ReadAllText(solution));
            var difference = StubGenerator.FirstDifferenceOutsideYourCode(File.ReadAllText(stub), expected);
            Assert.True(difference is null,
                $"{relative} differs from its reference solution outside the BEGIN/END YOUR CODE markers: {difference}\n" +
                "Learner: keep your code between the markers (local functions are fine there); `git diff` shows what changed.\n" +
                "Maintainer: edit the solution under exercises/Solutions, then run `dotnet run --project src/Learn.Dnn.Grade -- generate-stubs`.");
            Assert.Equal(StubGenerator.ExerciseIds(expected), StubGenerator.ExerciseIds(File.ReadAllText(stub)));
        }
    }

    [Fact]
    public void Metadata_lists_exactly_the_graded_tests()
    {
        var declared = typeof(ExerciseSetTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods().Select(m => (Type: t, Method: m)))
            .SelectMany(x => x.Method.GetCustomAttributes<TraitAttribute>()
                .Select(_ => x))
            .Select(x => (Test: $"{x.Type.Name}.{x.Method.Name}",
                          Exercise: ExerciseTrait(x.Method)))
            .Where(x => x.Exercise is not null)
            .Distinct()
            .ToHashSet();
        var listed = Metadata.Exercises.SelectMany(e => e.Tests.Select(t => (Test: t, Exercise: (string?)e.Id))).ToHashSet();

        var unlisted = declared.Except(listed).ToList();
        var absent = listed.Except(declared).ToList();
        Assert.True(unlisted.Count == 0, "Graded tests that exercises.json does not list under their exercise (the grader would ignore them): " + string.Join(", ", unlisted));
        Assert.True(absent.Count == 0, "exercises.json lists tests that do not exist with that [Trait(\"Exercise\", id)]: " + string.Join(", ", absent));
    }

    private static string? ExerciseTrait(MethodInfo method) =>
        method.GetCustomAttributesData()
              .Where(a => a.AttributeType == typeof(TraitAttribute) && (string?)a.ConstructorArguments[0].Value == "Exercise")
              .Select(a => (string?)a.ConstructorArguments[1].Value)
              .SingleOrDefault();

    [Fact]
    public void Every_exercise_has_one_solution_region_in_its_file()
    {
        var root = Path.GetDirectoryName(ExercisesDirectory())!;
        var regions = StubGenerator.Pairs(ExercisesDirectory())
            .SelectMany(p => StubGenerator.ExerciseIds(File.ReadAllText(p.Solution))
                .Select(id => (Id: id, Stub: Path.GetRelativePath(root, p.Stub).Replace('\\', '/'))))
            .ToList();
        foreach (var group in regions.GroupBy(r => r.Id))
            Assert.True(group.Count() == 1, $"{group.Key} has {group.Count()} solution regions; each exercise has exactly one.");
        var metadata = Metadata;
        foreach (var exercise in metadata.Exercises)
        {
            var region = regions.Where(r => r.Id == exercise.Id).ToList();
            Assert.True(region.Count == 1, $"exercises.json lists {exercise.Id} but no solution file has a '// BEGIN SOLUTION {exercise.Id}' region.");
            Assert.True(region[0].Stub == exercise.File, $"exercises.json says {exercise.Id} is in {exercise.File}, but its region is in {region[0].Stub}.");
            Assert.True(exercise.Id.StartsWith($"ch{exercise.Chapter:00}.", StringComparison.Ordinal), $"{exercise.Id} is listed under chapter {exercise.Chapter}.");
        }
        var unlisted = regions.Select(r => r.Id).Except(metadata.Exercises.Select(e => e.Id)).ToList();
        Assert.True(unlisted.Count == 0, "Solution regions that exercises.json does not list (they would never be graded): " + string.Join(", ", unlisted));
    }

    /// <summary>The doc comments of a file as plain text: tags removed first, then entities decoded (so "List&lt;Node&gt;" stays).</summary>
    private static string DocText(string path)
    {
        var raw = string.Join(" ", File.ReadAllLines(path).Select(l => l.Trim())
            .Where(l => l.StartsWith("///", StringComparison.Ordinal)).Select(l => l[3..].Trim()));
        var text = WebUtility.HtmlDecode(Regex.Replace(raw, @"<[^>]+>", " "));
        return Regex.Replace(text, @"\s+", " ");
    }

    [Fact]
    public void Metadata_hints_appear_in_the_exercise_doc_comments_in_tiers()
    {
        var root = Path.GetDirectoryName(ExercisesDirectory())!;
        foreach (var exercise in Metadata.Exercises)
        {
            var doc = DocText(Path.Combine(root, exercise.File));
            for (int tier = 0; tier < Exercise.HintTiers.Length; tier++)
            {
                var line = $"Hint {tier + 1} ({Exercise.HintTiers[tier]}): {exercise.Hints[tier]}";
                Assert.True(doc.Contains(line, StringComparison.Ordinal),
                    $"{exercise.Id}: hint {tier + 1} in exercises.json (\"{exercise.Hints[tier]}\") is not the 'Hint {tier + 1} ({Exercise.HintTiers[tier]}):' of its doc comment in {exercise.File}; keep the two the same.");
            }
        }
    }

    [Fact]
    public void The_first_hint_is_a_nudge_not_code()
    {
        // Code is the last hint, never the first: no calls, assignments, statements or lambdas in a nudge.
        string[] codeMarks = ["Math.", "new ", ");", "=>", "+=", "==", "return ", "()", "[i]"];
        foreach (var exercise in Metadata.Exercises)
        {
            var code = codeMarks.FirstOrDefault(m => exercise.Hints[0].Contains(m, StringComparison.Ordinal));
            Assert.True(code is null, $"{exercise.Id}: the first hint (the nudge) contains code ('{code}'): \"{exercise.Hints[0]}\". Put code in hint 3.");
        }
    }

    [Fact]
    public void Every_chapter_has_an_engine_level_exercise_and_there_are_at_least_26()
    {
        var root = Path.GetDirectoryName(ExercisesDirectory())!;
        var exercises = Metadata.Exercises;
        Assert.True(exercises.Length >= 26, $"chapters 1–4 should have at least 26 exercises, have {exercises.Length}.");
        foreach (var chapter in exercises.GroupBy(e => e.Chapter))
            Assert.True(chapter.Any(e => File.ReadAllText(Path.Combine(root, e.File)) is var text &&
                                         (text.Contains("(Tensor ", StringComparison.Ordinal) || text.Contains(" : Callback", StringComparison.Ordinal))),
                $"chapter {chapter.Key} has no engine-level exercise (one whose method takes the engine's Tensor, or a Callback subclass).");
    }
}
