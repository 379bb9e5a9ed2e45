namespace Learn.Dnn.Grade;

/// <summary>Where an exercise stands.</summary>
public enum ExerciseStatus { Solved, Failed, NotAttempted, TestMissing }

/// <summary>An exercise's grade: solved only when every test exercises.json lists for it ran and passed.</summary>
public sealed record Grade(Exercise Exercise, ExerciseStatus Status, int Earned, string Detail);

public static class Grading
{
    public static List<Grade> GradeAll(Metadata metadata, IReadOnlyDictionary<string, TestOutcome> results) =>
        metadata.Exercises.Select(e => GradeOne(e, results)).ToList();

    public static Grade GradeOne(Exercise exercise, IReadOnlyDictionary<string, TestOutcome> results)
    {
        var missing = exercise.Tests.Where(t => !results.ContainsKey(t)).ToList();
        if (missing.Count > 0)
            return new(exercise, ExerciseStatus.TestMissing, 0,
                $"test missing — restore it from git: {string.Join(", ", missing)}");
        var failed = exercise.Tests.FirstOrDefault(t => results[t].Outcome is not ("Passed" or "NotExecuted"));
        if (failed is not null)
            return new(exercise, ExerciseStatus.Failed, 0, $"{failed}: {results[failed].Message}");
        if (exercise.Tests.All(t => results[t].Outcome == "Passed"))
            return new(exercise, ExerciseStatus.Solved, exercise.Points, "");
        return new(exercise, ExerciseStatus.NotAttempted, 0, "not attempted yet");
    }
}
