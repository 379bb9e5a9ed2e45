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

    [Fact]
    public void Metadata_hints_appear_in_the_exercise_doc_comments()
    {
        var root = Path.GetDirectoryName(ExercisesDirectory())!;
        foreach (var exercise in Metadata.Exercises)
        {
            var text = WebUtility.HtmlDecode(string.Join(" ", File.ReadAllLines(Path.Combine(root, exercise.File))
                .Select(l => l.Trim()).Where(l => l.StartsWith("///", StringComparison.Ordinal)).Select(l => l[3..].Trim())));
            var doc = Regex.Replace(text, @"<[^>]+>", " ");
            doc = Regex.Replace(doc, @"\s+", " ");
            Assert.True(doc.Contains($"Hint: {exercise.Hint}", StringComparison.Ordinal),
                $"{exercise.Id}: the hint in exercises.json (\"{exercise.Hint}\") is not the 'Hint:' of its doc comment in {exercise.File}; keep the two the same.");
        }
    }
}
