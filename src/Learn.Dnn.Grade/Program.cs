using System.Diagnostics;
using System.Text.Json;
using System.Xml;
using Learn.Dnn.Grade;

// The grader. It runs `dotnet test exercises --logger trx`, reads the results, and scores each
// exercise listed in exercises/exercises.json: solved only when every test listed for it passed.
// A listed test that did not run at all (deleted or renamed) scores zero and is reported.

try
{
    return Grader.Run(args);
}
catch (Exception e) when (e is ArgumentException or IOException or FormatException or XmlException or JsonException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

internal static class Grader
{
    private const string Usage = """
        Learn.Dnn grader: runs the exercises' tests and prints your report card.
          dotnet run --project src/Learn.Dnn.Grade                  grade your exercises
          dotnet run --project src/Learn.Dnn.Grade -- --solutions   grade the reference solutions instead
          --trx FILE                        grade an existing results file (dotnet test --logger trx) instead of running the tests
          --details                         also list every exercise with its status
          --expect all-solved|none-solved   exit 1 unless every exercise is solved / none is (for CI)
          --repo DIR                        the repository (default: found from the current directory)
          hint ID [N]                       hint N (1 nudge, 2 formula, 3 code; default 1) of exercise ID, e.g. hint ch01.step 2
          generate-stubs                    (maintainers) rewrite exercises/ChNN/*.cs from exercises/Solutions/ChNN/*.cs
        """;

    public static int Run(string[] args)
    {
        var options = args.ToList();
        if (options.Remove("--help") || options.Remove("-h"))
        {
            Console.WriteLine(Usage);
            return 0;
        }
        string repository = FindRepository(TakeValue(options, "--repo") ?? Directory.GetCurrentDirectory());
        string exercisesDirectory = Path.Combine(repository, "exercises");

        if (options.Remove("generate-stubs"))
            return GenerateStubs(exercisesDirectory);

        if (options.Count > 0 && options[0] == "hint")
        {
            if (options.Count is < 2 or > 3 || (options.Count == 3 && !int.TryParse(options[2], out _)))
                throw new ArgumentException($"grade: usage: hint ID [N]\n{Usage}");
            var all = Metadata.Load(Path.Combine(exercisesDirectory, "exercises.json"));
            var exercise = all.Exercises.FirstOrDefault(e => e.Id == options[1])
                ?? throw new ArgumentException($"grade: no exercise '{options[1]}'; the ids are listed in exercises/exercises.json (e.g. {all.Exercises[0].Id}).");
            Console.WriteLine(ReportCard.HintText(exercise, options.Count == 3 ? int.Parse(options[2]) : 1));
            return 0;
        }

        bool solutions = options.Remove("--solutions");
        bool details = options.Remove("--details");
        string? trx = TakeValue(options, "--trx");
        string? expect = TakeValue(options, "--expect");
        if (options.Count > 0 || expect is not (null or "all-solved" or "none-solved"))
            throw new ArgumentException($"grade: unexpected arguments '{string.Join(' ', args)}'.\n{Usage}");

        var metadata = Metadata.Load(Path.Combine(exercisesDirectory, "exercises.json"));
        string what = trx is not null ? Path.GetFileName(trx) : solutions ? "reference solutions" : "your exercises";
        bool ranTests = trx is null;
        trx ??= RunTests(exercisesDirectory, solutions);
        if (trx is null) return 2;

        var grades = Grading.GradeAll(metadata, TrxResults.Read(trx));
        if (ranTests) Directory.Delete(Path.GetDirectoryName(trx)!, recursive: true);
        ReportCard.Print(metadata, grades, what, details);

        return expect switch
        {
            "all-solved" when grades.Any(g => g.Status != ExerciseStatus.Solved) =>
                Fail("expected every exercise solved (reference solutions), but some are not."),
            "none-solved" when grades.Any(g => g.Status != ExerciseStatus.NotAttempted) =>
                Fail("expected every exercise not attempted (untouched stubs), but some passed, failed or are missing."),
            _ => 0,
        };
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"grade: {message}");
        return 1;
    }

    /// <summary>Runs the exercises' tests and returns the TRX file, or null (after showing the build output) when none was written.</summary>
    private static string? RunTests(string exercisesDirectory, bool solutions)
    {
        var resultsDirectory = Path.Combine(Path.GetTempPath(), $"learn-dnn-grade-{Environment.ProcessId}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = exercisesDirectory,
        };
        foreach (var argument in new[] { "test", exercisesDirectory, "--logger", "trx;LogFileName=grade.trx", "--results-directory", resultsDirectory })
            start.ArgumentList.Add(argument);
        if (solutions) start.ArgumentList.Add("-p:ExerciseSolutions=true");
        Console.Error.WriteLine($"Running the exercises' tests{(solutions ? " with the reference solutions" : "")}: dotnet {string.Join(' ', start.ArgumentList)}");

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var trx = Path.Combine(resultsDirectory, "grade.trx");
        if (File.Exists(trx)) return trx;
        Console.Error.WriteLine(stdout.Result);
        Console.Error.WriteLine(stderr.Result);
        Console.Error.WriteLine("grade: the tests did not run (see the build output above: usually a compile error in your exercise code).");
        return null;
    }

    /// <summary>Rewrites every stub exercises/ChNN/X.cs from its solution exercises/Solutions/ChNN/X.cs.</summary>
    private static int GenerateStubs(string exercisesDirectory)
    {
        foreach (var (solution, stub) in StubGenerator.Pairs(exercisesDirectory))
        {
            var text = StubGenerator.Generate(File.ReadAllText(solution));
            Directory.CreateDirectory(Path.GetDirectoryName(stub)!);
            if (File.Exists(stub) && File.ReadAllText(stub) == text) continue;
            File.WriteAllText(stub, text);
            Console.WriteLine($"wrote {Path.GetRelativePath(Path.GetDirectoryName(exercisesDirectory)!, stub)}");
        }
        return 0;
    }

    private static string? TakeValue(List<string> options, string name)
    {
        int i = options.IndexOf(name);
        if (i < 0) return null;
        if (i + 1 >= options.Count) throw new ArgumentException($"grade: {name} needs a value.");
        var value = options[i + 1];
        options.RemoveRange(i, 2);
        return value;
    }

    /// <summary>The repository root: the nearest directory at or above <paramref name="start"/> that has exercises/exercises.json.</summary>
    private static string FindRepository(string start)
    {
        for (var directory = new DirectoryInfo(Path.GetFullPath(start)); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "exercises", "exercises.json")))
                return directory.FullName;
        throw new DirectoryNotFoundException($"grade: no exercises/exercises.json at or above {start}; run the grader inside the Learn.Dnn repository or pass --repo DIR.");
    }
}
