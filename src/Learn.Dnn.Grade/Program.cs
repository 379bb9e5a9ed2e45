using System.Diagnostics;
using Learn.Dnn.Grade;

// The grader. Usage (from anywhere inside the repository):
//   dotnet run --project src/Learn.Dnn.Grade [-- --solutions] [--trx FILE] [--expect all-solved|none-solved]
//   dotnet run --project src/Learn.Dnn.Grade -- generate-stubs
// It runs `dotnet test exercises --logger trx`, reads the results, and scores each exercise listed
// in exercises/exercises.json: solved only when every test listed for it passed. A listed test that
// did not run at all (deleted or renamed) scores zero and is reported.

var options = args.ToList();
string repository = FindRepository(TakeValue(options, "--repo") ?? Directory.GetCurrentDirectory());
string exercisesDirectory = Path.Combine(repository, "exercises");

if (options.Remove("generate-stubs"))
    return GenerateStubs(exercisesDirectory);

bool solutions = options.Remove("--solutions");
string? trx = TakeValue(options, "--trx");
string? expect = TakeValue(options, "--expect");
if (options.Count > 0 || expect is not (null or "all-solved" or "none-solved"))
{
    Console.Error.WriteLine($"grade: unknown arguments '{string.Join(' ', options)}'. Expected: [--solutions] [--trx FILE] [--expect all-solved|none-solved] [--repo DIR], or generate-stubs.");
    return 2;
}

var metadata = Metadata.Load(Path.Combine(exercisesDirectory, "exercises.json"));
string what = trx is not null ? Path.GetFileName(trx) : solutions ? "reference solutions" : "your exercises";
bool ranTests = trx is null;
trx ??= RunTests(exercisesDirectory, solutions);
if (trx is null) return 2;

var grades = Grading.GradeAll(metadata, TrxResults.Read(trx));
if (ranTests) Directory.Delete(Path.GetDirectoryName(trx)!, recursive: true);
ReportCard.Print(metadata, grades, what);

return expect switch
{
    "all-solved" when grades.Any(g => g.Status != ExerciseStatus.Solved) => Fail("expected every exercise solved (reference solutions), but some are not."),
    "none-solved" when grades.Any(g => g.Status != ExerciseStatus.NotAttempted) => Fail("expected every exercise not attempted (untouched stubs), but some passed, failed or are missing."),
    _ => 0,
};

static int Fail(string message)
{
    Console.Error.WriteLine($"grade: {message}");
    return 1;
}

// Runs the exercises' tests and returns the TRX file, or null (after showing the build output) when none was written.
static string? RunTests(string exercisesDirectory, bool solutions)
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
    Console.Error.WriteLine($"Running the exercises' tests{(solutions ? " with the reference solutions" : "")} (dotnet {string.Join(' ', start.ArgumentList)})…");

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

// Rewrites every stub exercises/ChNN/X.cs from its solution exercises/Solutions/ChNN/X.cs.
static int GenerateStubs(string exercisesDirectory)
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

static string? TakeValue(List<string> options, string name)
{
    int i = options.IndexOf(name);
    if (i < 0) return null;
    if (i + 1 >= options.Count) throw new ArgumentException($"grade: {name} needs a value.");
    var value = options[i + 1];
    options.RemoveRange(i, 2);
    return value;
}

// The repository root: the nearest directory at or above `start` that has exercises/exercises.json.
static string FindRepository(string start)
{
    for (var directory = new DirectoryInfo(Path.GetFullPath(start)); directory is not null; directory = directory.Parent)
        if (File.Exists(Path.Combine(directory.FullName, "exercises", "exercises.json")))
            return directory.FullName;
    throw new DirectoryNotFoundException($"grade: no exercises/exercises.json at or above {start}; run the grader inside the Learn.Dnn repository or pass --repo DIR.");
}
