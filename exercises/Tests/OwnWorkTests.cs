using System.Runtime.CompilerServices;
using Learn.Dnn.Grade;
using Xunit;

namespace Learn.Dnn.Exercises.Tests;

/// <summary>
/// The exercise set's guards (not graded): a solution that delegates to the engine's own
/// implementation scores zero, and a graded test that never finishes fails with a message.
/// </summary>
public class OwnWorkTests
{
    private static string ExercisesDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, ".."));

    /// <summary>The reference solution's file with one exercise's body replaced.</summary>
    private static string WithBody(string solutionFile, string exercise, string body)
    {
        var text = File.ReadAllText(Path.Combine(ExercisesDirectory(), "Solutions", solutionFile)).Replace("\r\n", "\n");
        int begin = text.IndexOf($"// BEGIN SOLUTION {exercise}\n", StringComparison.Ordinal);
        int end = text.IndexOf("// END SOLUTION", begin, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"no region {exercise} in {solutionFile}");
        int bodyStart = begin + $"// BEGIN SOLUTION {exercise}\n".Length;
        return text[..bodyStart] + body + "\n        " + text[end..];
    }

    [Theory]
    [InlineData("Ch02/NumericalGradient.cs", "ch02.numerical-gradient", "return GradientCheck.Numerical(f, x, h);", "GradientCheck")]
    [InlineData("Ch02/NumericalGradient.cs", "ch02.numerical-gradient", "return Learn.Dnn.Autograd.GradientCheck.Numerical(f, x, h);", "GradientCheck")]
    [InlineData("Ch03/DenseForward.cs", "ch03.dense-forward", "var d = new Learn.Dnn.Layers.Dense(kernel.Shape[1]); return d.Call(x);", "Dense")]
    [InlineData("Ch04/Softmax.cs", "ch04.softmax", "return Learn.Dnn.Tensor.Vector(logits.Select(v => (float)v).ToArray()).Softmax().ToArray().Select(v => (double)v).ToArray();", "Tensor")]
    [InlineData("Ch03/LeakyRelu.cs", "ch03.leaky-relu", "return Activations.LeakyRelu.Function((float)x, (float)alpha);", "Activations")]
    [InlineData("Ch04/BinaryCrossEntropy.cs", "ch04.bce-from-logits", "return new Learn.Dnn.Losses.BinaryCrossentropy(fromLogits: true).Call(targets, logits);", "BinaryCrossentropy")]
    public void A_solution_that_delegates_to_the_engine_fails_every_graded_test_and_scores_zero(
        string file, string exercise, string delegatingBody, string name)
    {
        var source = WithBody(file, exercise, delegatingBody);
        bool bodyRan = false;
        var failure = Assert.Throws<ExerciseFailure>(() => Graded.Run(exercise, () => bodyRan = true, source: source));
        Assert.False(bodyRan, "the check must fail the test before its body runs.");
        Assert.Contains($"{exercise} asks you to write this yourself, but your code uses {name}", failure.Message);

        // Every graded test of the exercise fails that way, and the grader gives a failed test no points.
        var metadata = Metadata.Load(Path.Combine(ExercisesDirectory(), "exercises.json"));
        var entry = metadata.Exercises.Single(e => e.Id == exercise);
        var results = entry.Tests.ToDictionary(t => t, _ => new TestOutcome("Failed", failure.Message));
        var grade = Grading.GradeOne(entry, results);
        Assert.Equal((ExerciseStatus.Failed, 0), (grade.Status, grade.Earned));
    }

    [Fact]
    public void The_reference_solutions_use_nothing_they_must_not()
    {
        var metadata = Metadata.Load(Path.Combine(ExercisesDirectory(), "exercises.json"));
        var root = Path.GetDirectoryName(ExercisesDirectory())!;
        foreach (var exercise in metadata.Exercises)
        {
            var solution = Path.Combine(ExercisesDirectory(), "Solutions", Path.GetRelativePath(Path.Combine(root, "exercises"), Path.Combine(root, exercise.File)));
            OwnWork.Check(exercise.Id, File.ReadAllText(solution));   // throws with the name it found
        }
    }

    [Fact]
    public void Names_in_comments_and_strings_do_not_count()
    {
        var source = WithBody("Ch02/NumericalGradient.cs", "ch02.numerical-gradient",
            "// unlike GradientCheck.Numerical, this is mine\n        var note = \"GradientCheck\";\n        return new double[x.Length];");
        OwnWork.Check("ch02.numerical-gradient", source);
    }

    [Fact]
    public void A_graded_test_that_never_finishes_fails_with_a_message_instead_of_hanging()
    {
        var started = DateTime.UtcNow;
        var failure = Assert.Throws<ExerciseFailure>(() =>
            Graded.Run("ch01.perceptron-train", () => { while (true) Thread.Sleep(50); }, timeoutSeconds: 1));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "the time limit did not stop the test.");
        Assert.Contains("ch01.perceptron-train: the test did not finish within 1 s", failure.Message);
        Assert.Contains("maxEpochs", failure.Message);
    }

    [Fact]
    public void A_stub_is_still_reported_as_not_attempted_and_a_wrong_answer_as_its_message()
    {
        Assert.Throws<Xunit.SkipException>(() => Graded.Run("ch01.step", () => throw new NotImplementedException("ch01.step: not attempted yet.")));
        var failure = Assert.Throws<ExerciseFailure>(() => Graded.Run("ch01.step", () => throw new ExerciseFailure("Step(0) should be 1, got 0.")));
        Assert.Equal("Step(0) should be 1, got 0.", failure.Message);
    }
}
