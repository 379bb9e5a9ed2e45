namespace Learn.Dnn.Chapters.Tests;

public sealed class Chapter05Run() : QuickRun(5, Chapter05.Run);

/// <summary>Chapter 5's quick mode: the optimizers on two surfaces, the batch sizes, MNIST per optimizer and Fashion-MNIST, on the embedded subsets.</summary>
public sealed class Chapter05Tests(Chapter05Run chapter) : IClassFixture<Chapter05Run>
{
    [Fact]
    public void Momentum_and_Adam_get_further_down_Rosenbrocks_valley_than_plain_SGD()
    {
        double sgd = chapter.Result("Rosenbrock SGD final f");
        foreach (var label in new[] { "momentum 0.9", "Nesterov 0.9", "Adam" })
        {
            double f = chapter.Result($"Rosenbrock {label} final f");
            Assert.True(f < sgd, $"After 1000 steps on Rosenbrock's function, {label} should end lower than plain SGD (f = {sgd:G4}), got f = {f:G4}.\n{chapter.Output}");
        }
    }

    [Fact]
    public void Adaptive_rules_and_momentum_leave_the_saddle_sooner_than_plain_SGD()
    {
        // f = x² − y² + y⁴/2 from (1.5, 0.001): the step in y is proportional to y for plain SGD, so it leaves slowly.
        // Measured (seed 42): SGD 321 steps, momentum 66, Nesterov 62, Adagrad 5, RMSprop 30, Adam 11.
        double sgd = chapter.Result("saddle SGD steps to escape");
        Assert.True(sgd <= 1000, $"Plain SGD should leave the saddle within 1000 steps, took {sgd}.\n{chapter.Output}");
        foreach (var label in new[] { "momentum 0.9", "Nesterov 0.9", "Adagrad", "RMSprop", "Adam" })
        {
            double steps = chapter.Result($"saddle {label} steps to escape");
            Assert.True(steps < sgd / 2, $"{label} should leave the saddle (|y| > 0.5) in less than half of plain SGD's {sgd} steps, took {steps}.\n{chapter.Output}");
        }
    }

    [Fact]
    public void Batch_one_goes_further_per_epoch_than_the_full_batch()
    {
        double one = chapter.Result("batch 1 final loss"), full = chapter.Result("batch full final loss");
        Assert.True(one < full, $"With the same η and epochs, batch 1 takes n steps an epoch and the full batch one: its loss should be lower, got {one:G4} against {full:G4}.");
    }

    [Fact]
    public void Adam_classifies_MNIST_digits_after_five_epochs_on_the_subset()
    {
        double accuracy = chapter.Result("mnist Adam test accuracy");
        Assert.True(accuracy >= 0.85, $"Adam should reach 85% test accuracy on the embedded MNIST subset after 5 epochs, got {accuracy:P1}.\n{chapter.Output}");
    }

    [Fact]
    public void Fashion_classifier_learns_on_the_subset()
    {
        double accuracy = chapter.Result("fashion test accuracy");
        Assert.True(accuracy >= 0.70, $"The Fashion-MNIST MLP should reach 70% test accuracy on the embedded subset, got {accuracy:P1}.\n{chapter.Output}");
    }

    [Fact]
    public void Figures_are_written_as_SVG() =>
        chapter.AssertFigures("paths-rosenbrock", "paths-saddle", "batch-size", "mnist-optimizers", "fashion-history", "fashion-predictions");
}
