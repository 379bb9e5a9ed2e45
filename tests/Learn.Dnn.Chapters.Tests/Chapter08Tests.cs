namespace Learn.Dnn.Chapters.Tests;

public sealed class Chapter08Run() : QuickRun(8, Chapter08.Run);

/// <summary>Chapter 8's quick mode: gradients through time, the sine forecasts and MNIST read row by row, on the embedded subset.</summary>
public sealed class Chapter08Tests(Chapter08Run chapter) : IClassFixture<Chapter08Run>
{
    [Fact]
    public void The_SimpleRNNs_gradient_vanishes_over_sixty_steps()
    {
        // Measured (seed 42): ‖∂L/∂h_1‖/‖∂L/∂h_T‖ = 4.1e-7 for the SimpleRNN, 5.5e-7 for the LSTM with b_f = 1.
        double ratio = chapter.Result("SimpleRNN gradient at step 1 over step T");
        Assert.True(ratio < 1e-4, $"Through 60 steps of tanh(x·W + h·U + b) the gradient should shrink by more than 10⁴, got a ratio of {ratio:G3}.\n{chapter.Output}");
    }

    [Fact]
    public void An_LSTM_with_an_open_forget_gate_carries_the_gradient_back_to_the_first_step()
    {
        // Measured (seed 42): 0.93 with b_f = 5, against 4.1e-7 for the SimpleRNN.
        double rnn = chapter.Result("SimpleRNN gradient at step 1 over step T");
        double open = chapter.Result("LSTM open forget gate gradient at step 1 over step T");
        Assert.True(open > 1e-2 && open > 1e3 * rnn,
            $"With f ≈ σ(5) the cell's additive path c = f ⊙ c₋ + i ⊙ c̃ should carry at least 1% of ∂L/∂h_T back to h_1, " +
            $"and 1000 times more than the SimpleRNN ({rnn:G3}); got {open:G3}.\n{chapter.Output}");
    }

    [Theory]
    [InlineData("SimpleRNN")]
    [InlineData("GRU")]
    [InlineData("LSTM")]
    public void Each_cell_forecasts_the_sine_wave_better_than_repeating_the_last_value(string cell)
    {
        // Measured (seed 42): SimpleRNN 0.0034, GRU 0.0034, LSTM 0.0027; repeating the last value 0.0222, the mean 0.62.
        double mse = chapter.Result($"sine {cell} test mse"), last = chapter.Result("sine last value mse");
        Assert.True(mse < last / 2, $"{cell} should forecast the next value with less than half the MSE of repeating the last one ({last:G3}), got {mse:G3}.\n{chapter.Output}");
    }

    [Fact]
    public void Global_clipnorm_keeps_a_large_learning_rate_from_diverging()
    {
        // Measured (seed 42), SGD η = 0.3, U orthogonal × 2: unclipped the loss is 2.9e7 after one epoch and inf in the third; clipped 0.19 after 10.
        double unclipped = chapter.Result("clipping no clipping final loss"), clipped = chapter.Result("clipping global_clipnorm = 1 final loss");
        Assert.True(unclipped > 10, $"Without clipping, SGD with η = 0.3 should diverge (final loss > 10), got {unclipped:G4}.\n{chapter.Output}");
        Assert.True(clipped < 0.5, $"With global_clipnorm = 1 the same η should train (final loss < 0.5, the mean predictor scores about 0.6), got {clipped:G4}.\n{chapter.Output}");
    }

    [Fact]
    public void Parameter_counts_match_Keras()
    {
        Assert.Equal(80_384, chapter.Result("LSTM(128) parameters"));   // 4·128·(28 + 128 + 1)
        Assert.Equal(60_672, chapter.Result("GRU(128) parameters"));    // 3·128·(28 + 128 + 2): two biases with reset_after
    }

    [Theory]
    [InlineData("LSTM")]
    [InlineData("GRU")]
    public void Reading_digits_row_by_row_learns_on_the_subset(string cell)
    {
        // Measured (seed 42), 500 digits, 8 epochs, 32 units: LSTM 68.5%, GRU 76.0% on 200 test digits.
        double accuracy = chapter.Result($"mnist {cell} test accuracy");
        Assert.True(accuracy >= 0.5, $"{cell}(32) reading MNIST rows should reach 50% test accuracy after 8 epochs on 500 digits, got {accuracy:P1}.\n{chapter.Output}");
    }

    [Fact]
    public void Figures_are_written_as_SVG() =>
        chapter.AssertFigures("gradients-through-time", "sine-forecast", "clipping", "mnist-rows");
}
