namespace Learn.Dnn.Chapters.Tests;

public sealed class Chapter01Run() : QuickRun(1, Chapter01.Run);

/// <summary>Chapter 1's quick mode: the perceptron learns AND and OR, never XOR; two hand-set layers compute XOR.</summary>
public sealed class Chapter01Tests(Chapter01Run chapter) : IClassFixture<Chapter01Run>
{
    [Theory]
    [InlineData("AND")]
    [InlineData("OR")]
    public void Perceptron_rule_converges_on_a_linearly_separable_function(string function)
    {
        Assert.True(chapter.Result($"{function} final errors") == 0,
            $"After training, the perceptron should classify all four {function} inputs right; it gets {chapter.Result($"{function} final errors")} wrong.\n{chapter.Output}");
        Assert.True(chapter.Result($"{function} epochs to converge") < 20,
            $"The perceptron rule should reach an epoch without mistakes on {function} within the 20 quick-mode epochs; it took {chapter.Result($"{function} epochs to converge")}.");
    }

    [Fact]
    public void Perceptron_rule_never_solves_XOR()
    {
        Assert.True(chapter.Result("XOR minimum errors") >= 1,
            $"No line separates XOR, so every epoch of the perceptron rule must misclassify at least one point; the minimum was {chapter.Result("XOR minimum errors")}.");
    }

    [Theory]
    [InlineData("0 0", 0)]
    [InlineData("0 1", 1)]
    [InlineData("1 0", 1)]
    [InlineData("1 1", 0)]
    public void Hand_set_two_layer_net_computes_XOR(string input, int expected)
    {
        double output = chapter.Result($"XOR net output {input}");
        Assert.True(expected == 1 ? output > 0.5 : output < 0.5,
            $"The hand-set XOR net on ({input}) should output {expected} (the {(expected == 1 ? "upper" : "lower")} side of 0.5), got {output}.");
    }

    [Fact]
    public void Figures_are_written_as_SVG() => chapter.AssertFigures("decision-lines", "errors-per-epoch");
}
