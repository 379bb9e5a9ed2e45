namespace Learn.Dnn.Chapters.Tests;

public sealed class Chapter02Run() : QuickRun(2, Chapter02.Run);

/// <summary>Chapter 2's quick mode: backward agrees with central differences; the XOR net learns XOR.</summary>
public sealed class Chapter02Tests(Chapter02Run chapter) : IClassFixture<Chapter02Run>
{
    [Fact]
    public void Scalar_backward_matches_central_differences()
    {
        // In double, central differences with h = 1e-4 agree with the exact gradient to about 1e-9.
        double difference = chapter.Result("scalar gradient max abs difference");
        Assert.True(difference < 1e-6, $"Value.Backward and GradientCheck.Numerical should agree on the neuron's gradients to 1e-6; the largest difference is {difference}.");
    }

    [Fact]
    public void Tensor_backward_matches_central_differences()
    {
        // float32 forward, h = 1e-2: measured 2e-6; 1e-3 leaves room for rounding.
        double difference = chapter.Result("tensor gradient max abs difference");
        Assert.True(difference < 1e-3, $"Tensor.Backward and GradientCheck.Tensors should agree on the XOR net's gradients to 1e-3; the largest difference is {difference}.");
    }

    [Theory]
    [InlineData("0 0", 0)]
    [InlineData("0 1", 1)]
    [InlineData("1 0", 1)]
    [InlineData("1 1", 0)]
    public void Trained_net_computes_XOR(string input, int expected)
    {
        double output = chapter.Result($"XOR net output {input}");
        Assert.True(expected == 1 ? output > 0.5 : output < 0.5,
            $"After gradient descent the XOR net on ({input}) should output {expected} (the {(expected == 1 ? "upper" : "lower")} side of 0.5), got {output}. Final loss {chapter.Result("final loss")}.");
    }

    [Fact]
    public void Figures_are_written_as_SVG() => chapter.AssertFigures("xor-loss", "xor-decision-boundary", "neuron-graph", "used-twice-graph");
}
