using System.Text.RegularExpressions;
using Xunit;
using Xunit.Sdk;

namespace Learn.Dnn.Exercises.Tests;

/// <summary>
/// Runs a graded test body. An exercise whose stub still throws <see cref="NotImplementedException"/>
/// is reported as SKIPPED ("not attempted yet"), not as a failure; a wrong answer fails with the
/// message the test wrote for it (FsCheck's report is trimmed to that message and its replay seed).
/// Before the body runs, the exercise's code is checked for calls to the engine's own version of what
/// it asks for (exercises.json's "mustNotUse"); the body runs with a time limit, so a loop that never
/// ends fails with a message instead of hanging the whole test run.
/// Use it inside an <c>[SkippableFact]</c>.
/// </summary>
public static partial class Graded
{
    /// <summary>Seconds a graded test may run. The slowest reference solution needs about 3 s on a loaded 2-core machine.</summary>
    public const int DefaultTimeoutSeconds = 60;

    /// <param name="exercise">The exercise id, e.g. ch01.step.</param>
    /// <param name="test">The test body.</param>
    /// <param name="timeoutSeconds">How long the body may run before it fails.</param>
    /// <param name="source">The exercise's source text, for tests of this class; null reads the file that is compiled.</param>
    public static void Run(string exercise, Action test, int timeoutSeconds = DefaultTimeoutSeconds, string? source = null)
    {
        try
        {
            OwnWork.Check(exercise, source);
            // A background thread: if the body never returns, the test host still exits at the end of the run.
            var body = Task.Factory.StartNew(test, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            if (!body.Wait(TimeSpan.FromSeconds(timeoutSeconds)) && !body.IsCompleted)
                throw new ExerciseFailure(
                    $"{exercise}: the test did not finish within {timeoutSeconds} s, so it was stopped.\n" +
                    "Hint: a loop that never ends? Check that every loop reaches its bound (a Train must stop after maxEpochs " +
                    "even when it never gets every example right), and that nothing waits for input.");
            body.GetAwaiter().GetResult();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            Rethrow(exercise, e.InnerExceptions[0]);
        }
        catch (Exception e) when (e is not ExerciseFailure && e is not Xunit.SkipException)
        {
            Rethrow(exercise, e);
        }
    }

    private static void Rethrow(string exercise, Exception e)
    {
        if (NotImplementedMessage(e) is { } message)
        {
            var waitingFor = message.Split(':')[0];
            throw new Xunit.SkipException(waitingFor == exercise
                ? $"{exercise}: not attempted yet."
                : $"{exercise}: not attempted yet (it calls {waitingFor}, which is not attempted yet).");
        }
        if (e.Message.StartsWith("Falsifiable", StringComparison.Ordinal))
            throw new XunitException(Trim(e.Message));
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e).Throw();
    }

    /// <summary>The message of a NotImplementedException thrown by a stub, also when FsCheck wrapped it in its report.</summary>
    private static string? NotImplementedMessage(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is NotImplementedException) return inner.Message;
        var match = NotImplementedInReport().Match(e.Message);
        return match.Success ? match.Groups["message"].Value : null;
    }

    [GeneratedRegex(@"System\.NotImplementedException: (?<message>[^\r\n]*)")]
    private static partial Regex NotImplementedInReport();

    [GeneratedRegex(@"Learn\.Dnn\.Exercises\.Tests\.ExerciseFailure: (?<message>.*?)(\r?\n\s+at |\z)", RegexOptions.Singleline)]
    private static partial Regex FailureInReport();

    /// <summary>FsCheck's report, shortened to the first line (tests run, Replay seed) and our own message.</summary>
    private static string Trim(string report)
    {
        var firstLine = report.Split('\n')[0].Trim();
        var failure = FailureInReport().Match(report);
        return failure.Success
            ? $"{failure.Groups["message"].Value.Trim()}\n\n(FsCheck: {firstLine})"
            : report;
    }
}

/// <summary>A wrong answer, with a message that says what was expected, on which input, and a hint.</summary>
public sealed class ExerciseFailure(string message) : XunitException(message);
