using Learn.Dnn.Grade;
using Xunit;

namespace Learn.Dnn.Exercises.Tests;

/// <summary>
/// The grader's scoring (not graded): an exercise is solved only when every test listed for it passed,
/// and a listed test that did not run scores zero, so deleting or renaming tests cannot raise a score.
/// </summary>
public class GraderTests
{
    private static readonly Exercise TwoTests = new("ch09.example", 9, "Example", 3, "exercises/Ch09/Example.cs", ["a nudge", "a formula", "code"],
                                                    ["Ch09Tests.First", "Ch09Tests.Second"]);

    private static Dictionary<string, TestOutcome> Results(params (string Test, string Outcome)[] results) =>
        results.ToDictionary(r => r.Test, r => new TestOutcome(r.Outcome, r.Outcome == "Failed" ? "X should be 1, got 0." : ""));

    [Fact]
    public void An_exercise_is_solved_only_when_every_listed_test_passed()
    {
        var grade = Grading.GradeOne(TwoTests, Results(("Ch09Tests.First", "Passed"), ("Ch09Tests.Second", "Passed")));
        Assert.Equal((ExerciseStatus.Solved, 3), (grade.Status, grade.Earned));

        grade = Grading.GradeOne(TwoTests, Results(("Ch09Tests.First", "Passed"), ("Ch09Tests.Second", "Failed")));
        Assert.Equal((ExerciseStatus.Failed, 0), (grade.Status, grade.Earned));
        Assert.Contains("X should be 1, got 0.", grade.Detail);

        grade = Grading.GradeOne(TwoTests, Results(("Ch09Tests.First", "Passed"), ("Ch09Tests.Second", "NotExecuted")));
        Assert.Equal((ExerciseStatus.NotAttempted, 0), (grade.Status, grade.Earned));
    }

    [Fact]
    public void A_deleted_or_renamed_test_scores_zero_and_is_reported()
    {
        var grade = Grading.GradeOne(TwoTests, Results(("Ch09Tests.First", "Passed"), ("Ch09Tests.Renamed", "Passed")));
        Assert.Equal((ExerciseStatus.TestMissing, 0), (grade.Status, grade.Earned));
        Assert.Contains("test missing — restore it from git: Ch09Tests.Second", grade.Detail);
    }

    [Fact]
    public void Trx_results_are_keyed_by_class_and_method_with_the_failure_message()
    {
        const string trx = """
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
                <UnitTestResult testId="1" outcome="Failed">
                  <Output><ErrorInfo><Message>Learn.Dnn.Exercises.Tests.ExerciseFailure : Step(0) should be 1, got 0.</Message></ErrorInfo></Output>
                </UnitTestResult>
                <UnitTestResult testId="2" outcome="NotExecuted" />
              </Results>
              <TestDefinitions>
                <UnitTest id="1"><TestMethod className="Learn.Dnn.Exercises.Tests.Ch01Tests" name="Step_works" /></UnitTest>
                <UnitTest id="2"><TestMethod className="Learn.Dnn.Exercises.Tests.Ch01Tests" name="Tlu_works" /></UnitTest>
              </TestDefinitions>
            </TestRun>
            """;
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, trx);
            var results = TrxResults.Read(path);
            Assert.Equal(new TestOutcome("Failed", "Step(0) should be 1, got 0."), results["Ch01Tests.Step_works"]);
            Assert.Equal("NotExecuted", results["Ch01Tests.Tlu_works"].Outcome);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
