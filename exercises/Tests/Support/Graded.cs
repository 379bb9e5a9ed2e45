using System.Text.RegularExpressions;
using Xunit;
using Xunit.Sdk;

namespace Learn.Dnn.Exercises.Tests;

/// <summary>
/// Runs a graded test body. An exercise whose stub still throws <see cref="NotImplementedException"/>
/// is reported as SKIPPED ("not attempted yet"), not as a failure; a wrong answer fails with the
/// message the test wrote for it (FsCheck's report is trimmed to that message and its replay seed).
/// Use it inside an <c>[SkippableFact]</c>.
/// </summary>
public static partial class Graded
{
    public static void Run(string exercise, Action test)
    {
        try
        {
            test();
        }
        catch (Exception e) when (NotImplementedMessage(e) is { } message)
        {
            var waitingFor = message.Split(':')[0];
            throw new Xunit.SkipException(waitingFor == exercise
                ? $"{exercise}: not attempted yet."
                : $"{exercise}: not attempted yet (it calls {waitingFor}, which is not attempted yet).");
        }
        catch (Exception e) when (e.Message.StartsWith("Falsifiable", StringComparison.Ordinal))
        {
            throw new XunitException(Trim(e.Message));
        }
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
