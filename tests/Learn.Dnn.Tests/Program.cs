namespace Learn.Dnn.Tests;

/// <summary>
/// The test assembly's entry point. The test runner never calls it; a test that needs a second process (one it
/// can kill) starts this assembly with a command: <c>dotnet Learn.Dnn.Tests.dll save-loop PATH</c>.
/// </summary>
public static class Program
{
    public static int Main(string[] args) => args switch
    {
        ["save-loop", var path] => Models.CheckpointCrashTests.SaveLoop(path),
        _ => 2,
    };
}
