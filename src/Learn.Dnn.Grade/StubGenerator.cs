using System.Text;
using System.Text.RegularExpressions;

namespace Learn.Dnn.Grade;

/// <summary>
/// Derives the learner's stubs from the reference solutions, so there is one source of truth.
/// In a solution file (exercises/Solutions/ChNN/X.cs) each exercise's body sits between
/// <c>// BEGIN SOLUTION id</c> and <c>// END SOLUTION</c>; the stub (exercises/ChNN/X.cs) is the same
/// file with that body replaced by a throw between <c>// BEGIN YOUR CODE id</c> and <c>// END YOUR CODE</c>.
/// Everything outside the markers (usings, signatures, doc comments, hints) is copied unchanged.
/// </summary>
public static partial class StubGenerator
{
    [GeneratedRegex(@"^(?<indent>\s*)// BEGIN SOLUTION (?<id>\S+)\s*$")]
    private static partial Regex BeginSolution();

    [GeneratedRegex(@"^\s*// END SOLUTION\s*$")]
    private static partial Regex EndSolution();

    [GeneratedRegex(@"^\s*// BEGIN YOUR CODE (?<id>\S+)\s*$")]
    private static partial Regex BeginYourCode();

    [GeneratedRegex(@"^\s*// END YOUR CODE\s*$")]
    private static partial Regex EndYourCode();

    /// <summary>The stub's text for a solution's text.</summary>
    public static string Generate(string solution)
    {
        var stub = new StringBuilder();
        var lines = Lines(solution);
        for (int i = 0; i < lines.Length; i++)
        {
            var begin = BeginSolution().Match(lines[i]);
            if (!begin.Success)
            {
                if (EndSolution().IsMatch(lines[i]))
                    throw new FormatException($"line {i + 1}: '// END SOLUTION' without a '// BEGIN SOLUTION id' before it.");
                stub.Append(lines[i]).Append('\n');
                continue;
            }
            string indent = begin.Groups["indent"].Value, id = begin.Groups["id"].Value;
            int end = i + 1;
            while (end < lines.Length && !EndSolution().IsMatch(lines[end]))
            {
                if (BeginSolution().IsMatch(lines[end]))
                    throw new FormatException($"line {end + 1}: a new '// BEGIN SOLUTION' inside {id}'s solution (missing '// END SOLUTION').");
                end++;
            }
            if (end == lines.Length)
                throw new FormatException($"line {i + 1}: {id}'s '// BEGIN SOLUTION' has no '// END SOLUTION'.");
            stub.Append(indent).Append("// BEGIN YOUR CODE ").Append(id).Append('\n');
            stub.Append(indent).Append(NotAttempted(id)).Append('\n');
            stub.Append(indent).Append("// END YOUR CODE").Append('\n');
            i = end;
        }
        return stub.ToString();
    }

    /// <summary>The line a stub starts with: the tests report an exercise that still throws it as "not attempted yet".</summary>
    public static string NotAttempted(string id) =>
        $"throw new NotImplementedException(\"{id}: not attempted yet. Replace this line with your code.\");";

    /// <summary>The exercise ids a solution or stub file declares, in order.</summary>
    public static IReadOnlyList<string> ExerciseIds(string text) =>
        Lines(text).Select(line => BeginSolution().Match(line) is { Success: true } s ? s
                                 : BeginYourCode().Match(line))
                   .Where(m => m.Success)
                   .Select(m => m.Groups["id"].Value)
                   .ToList();

    /// <summary>
    /// Null when <paramref name="stub"/> (the file on disk) equals <paramref name="expected"/> (generated
    /// from the solution) everywhere outside the YOUR CODE markers; otherwise the first difference, in words.
    /// What a learner writes between the markers is theirs and is not compared.
    /// </summary>
    public static string? FirstDifferenceOutsideYourCode(string stub, string expected)
    {
        var actual = OutsideYourCode(stub);
        var wanted = OutsideYourCode(expected);
        for (int i = 0; i < Math.Max(actual.Count, wanted.Count); i++)
        {
            var a = i < actual.Count ? actual[i] : (Line: 0, Text: "(end of file)");
            var w = i < wanted.Count ? wanted[i] : (Line: 0, Text: "(end of file)");
            if (a.Text != w.Text)
                return $"line {a.Line} is\n    {a.Text.Trim()}\nbut the solution's file has\n    {w.Text.Trim()}";
        }
        return null;
    }

    /// <summary>The lines outside the YOUR CODE markers (each region collapses to its BEGIN line), with line numbers.</summary>
    private static List<(int Line, string Text)> OutsideYourCode(string text)
    {
        var kept = new List<(int, string)>();
        bool inside = false;
        var lines = Lines(text);
        for (int i = 0; i < lines.Length; i++)
        {
            if (!inside && BeginYourCode().IsMatch(lines[i])) { kept.Add((i + 1, lines[i])); inside = true; }
            else if (inside && EndYourCode().IsMatch(lines[i])) inside = false;
            else if (!inside) kept.Add((i + 1, lines[i]));
        }
        return kept;
    }

    /// <summary>Each solution file with the path of the stub generated from it: Solutions/ChNN/X.cs → ChNN/X.cs.</summary>
    public static IEnumerable<(string Solution, string Stub)> Pairs(string exercisesDirectory)
    {
        var solutions = Path.Combine(exercisesDirectory, "Solutions");
        foreach (var solution in Directory.EnumerateFiles(solutions, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            yield return (solution, Path.Combine(exercisesDirectory, Path.GetRelativePath(solutions, solution)));
    }

    private static string[] Lines(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }
}
