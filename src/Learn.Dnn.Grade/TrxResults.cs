using System.Xml.Linq;

namespace Learn.Dnn.Grade;

/// <summary>A test's outcome in a TRX file: Passed, Failed, NotExecuted (skipped), ...; Message is the failure or skip reason.</summary>
public sealed record TestOutcome(string Outcome, string Message);

/// <summary>
/// Reads a Visual Studio test results file (dotnet test --logger trx): each test's outcome, keyed by
/// "Class.Method" (the class without its namespace), the form exercises.json uses.
/// </summary>
public static class TrxResults
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public static Dictionary<string, TestOutcome> Read(string path)
    {
        var document = XDocument.Load(path);
        var names = document.Descendants(Trx + "UnitTest").ToDictionary(
            test => (string)test.Attribute("id")!,
            test =>
            {
                var method = test.Element(Trx + "TestMethod")!;
                var className = ((string)method.Attribute("className")!).Split(',')[0];
                return $"{className[(className.LastIndexOf('.') + 1)..]}.{(string)method.Attribute("name")!}";
            });
        var outcomes = new Dictionary<string, TestOutcome>();
        foreach (var result in document.Descendants(Trx + "UnitTestResult"))
        {
            var name = names[(string)result.Attribute("testId")!];
            var message = (string?)result.Descendants(Trx + "ErrorInfo").Elements(Trx + "Message").FirstOrDefault()
                          ?? (string?)result.Descendants(Trx + "StdOut").FirstOrDefault()
                          ?? "";
            outcomes[name] = new TestOutcome((string)result.Attribute("outcome")!, WithoutExceptionType(message.Trim()));
        }
        return outcomes;
    }

    /// <summary>"Learn.Dnn.Exercises.Tests.ExerciseFailure : Step(0) should be 1…" → "Step(0) should be 1…"; other exception types are kept.</summary>
    private static string WithoutExceptionType(string message)
    {
        const string prefix = "Learn.Dnn.Exercises.Tests.ExerciseFailure : ";
        return message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;
    }
}
