using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Learn.Dnn.Grade;

namespace Learn.Dnn.Exercises.Tests;

/// <summary>
/// An exercise must make the learner write the thing. The engine already has most of what the
/// exercises ask for (GradientCheck.Numerical, the Dense layer, the fused losses...), so a body that
/// calls the engine's version would pass the tests without teaching anything. This check reads the code
/// between the exercise's markers and fails every graded test of an exercise whose code uses a name
/// that exercises.json lists under "mustNotUse". Comments and string literals are ignored.
/// </summary>
public static partial class OwnWork
{
    private static string ExercisesDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));

    private static readonly Lazy<Metadata> AllExercises =
        new(() => Metadata.Load(Path.Combine(ExercisesDirectory(), "exercises.json")));

    /// <summary>True when the reference solutions are compiled (dotnet test -p:ExerciseSolutions=true).</summary>
    public static bool SolutionsCompiled =>
#if EXERCISE_SOLUTIONS
        true;
#else
        false;
#endif

    /// <summary>Throws <see cref="ExerciseFailure"/> when the exercise's code uses a name it must not use.</summary>
    /// <param name="source">The file's text; null reads the compiled file (the stub, or the solution with -p:ExerciseSolutions=true).</param>
    public static void Check(string exercise, string? source = null)
    {
        var entry = AllExercises.Value.Exercises.FirstOrDefault(e => e.Id == exercise);
        if (entry is null || entry.MustNotUse is not { Length: > 0 } forbidden) return;
        source ??= CompiledSource(entry.File);
        if (source is null) return;   // a copied test binary without its sources: nothing to read
        var code = Code(source, exercise);
        if (code is null) return;
        foreach (var name in forbidden)
            if (Regex.IsMatch(code, $@"\b{Regex.Escape(name)}\b"))
                throw new ExerciseFailure(
                    $"{exercise} asks you to write this yourself, but your code uses {name}, the engine's own version " +
                    $"(not allowed here: {string.Join(", ", forbidden)}). Passing the tests that way would teach nothing.\n" +
                    $"Hint: {entry.Hint} (more hints: dotnet run --project src/Learn.Dnn.Grade -- hint {exercise} 2)");
    }

    /// <summary>The text of the exercise file that is compiled: the stub, or the solution with -p:ExerciseSolutions=true; null if it cannot be read.</summary>
    private static string? CompiledSource(string exerciseFile)
    {
        var file = Path.Combine(Path.GetDirectoryName(ExercisesDirectory())!, exerciseFile);
        if (SolutionsCompiled)
            file = Path.Combine(ExercisesDirectory(), "Solutions", Path.GetRelativePath(ExercisesDirectory(), file));
        return File.Exists(file) ? File.ReadAllText(file) : null;
    }

    /// <summary>The learner's code for <paramref name="exercise"/> as compiled (without comments and strings), or null if it cannot be read.</summary>
    public static string? CompiledCode(string exercise)
    {
        var entry = AllExercises.Value.Exercises.FirstOrDefault(e => e.Id == exercise);
        return entry is null || CompiledSource(entry.File) is not { } source ? null : Code(source, exercise);
    }

    /// <summary>The code between the exercise's BEGIN and END markers, without comments and string literals; null if there are no markers.</summary>
    public static string? Code(string source, string exercise)
    {
        var match = Region().Match(source.Replace("\r\n", "\n"));
        while (match.Success && match.Groups["id"].Value != exercise) match = match.NextMatch();
        if (!match.Success) return null;
        var body = match.Groups["body"].Value;
        body = Regex.Replace(body, @"//[^\n]*", "");
        body = Regex.Replace(body, @"/\*.*?\*/", "", RegexOptions.Singleline);
        body = Regex.Replace(body, @"@?\$?""(?:[^""\\\n]|\\.)*""", "\"\"");
        return body;
    }

    [GeneratedRegex(@"// BEGIN (?:YOUR CODE|SOLUTION) (?<id>\S+)\n(?<body>.*?)// END (?:YOUR CODE|SOLUTION)", RegexOptions.Singleline)]
    private static partial Regex Region();
}
