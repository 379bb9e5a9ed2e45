using Learn.Dnn.Recurrent;

namespace Learn.Dnn.Tests.Recurrent;

/// <summary>
/// Keras' return_state as a list call: [output, h] or [output, h, c], with initial states as extra
/// inputs; the numbers are CallWithState's, bit for bit.
/// </summary>
public sealed class StateOutputTests
{
    public static TheoryData<string, bool> CellsAndSequences() => new()
    {
        { "simple_rnn", false }, { "simple_rnn", true },
        { "gru", false }, { "gru", true },
        { "lstm", false }, { "lstm", true },
    };

    private static Tensor Sequence(int batch, int steps, int features, int seed)
    {
        var random = new Random(seed);
        return Tensor.FromArray([.. Enumerable.Range(0, batch * steps * features).Select(_ => (float)random.NextDouble() * 2f - 1f)], batch, steps, features);
    }

    [Theory]
    [MemberData(nameof(CellsAndSequences))]
    public void A_list_call_returns_the_output_then_the_states_equal_to_CallWithState(string cell, bool returnSequences)
    {
        var x = Sequence(2, 5, 3, seed: 11);
        var listed = RecurrentTests.Create(cell, 4, returnSequences, seed: 9, returnState: true);
        var recorded = RecurrentTests.Create(cell, 4, returnSequences, seed: 9, returnState: true);

        var outputs = listed.Call([x]);
        var (output, states) = recorded.CallWithState(x);

        Assert.Equal(1 + states.Count, outputs.Count);
        Assert.Equal(cell == "lstm" ? 3 : 2, outputs.Count);
        Assert.Equal(output.ToArray(), outputs[0].ToArray());
        for (int i = 0; i < states.Count; i++) Assert.Equal(states[i].ToArray(), outputs[1 + i].ToArray());
    }

    [Theory]
    [MemberData(nameof(CellsAndSequences))]
    public void Initial_states_are_extra_inputs_of_the_list_call(string cell, bool returnSequences)
    {
        var layer = RecurrentTests.Create(cell, 4, returnSequences, seed: 3, returnState: true);
        var start = layer.CallWithState(Sequence(2, 3, 3, seed: 1)).States;
        var x = Sequence(2, 4, 3, seed: 2);

        var outputs = layer.Call([x, .. start]);
        var (output, states) = layer.CallWithState(x, start);

        Assert.Equal(output.ToArray(), outputs[0].ToArray());
        for (int i = 0; i < states.Count; i++) Assert.Equal(states[i].ToArray(), outputs[1 + i].ToArray());
    }

    [Theory]
    [MemberData(nameof(CellsAndSequences))]
    public void Without_returnState_a_list_call_returns_the_plain_output(string cell, bool returnSequences)
    {
        var layer = RecurrentTests.Create(cell, 4, returnSequences, seed: 5);
        var x = Sequence(2, 5, 3, seed: 4);
        var plain = layer.Call(x).ToArray();
        var listed = Assert.Single(layer.Call([x]));
        Assert.Equal(plain, listed.ToArray());
    }

    [Fact]
    public void CallWithState_gives_every_step_h_and_the_final_states_of_the_list_form()
    {
        var layer = new LSTM(3, seed: 7);
        var result = layer.CallWithState(Sequence(2, 6, 2, seed: 8));
        Assert.Equal(6, result.HiddenStates.Count);
        Assert.Equal(result.HiddenStates[^1].ToArray(), result.States[0].ToArray());
        Assert.Equal(result.Output.ToArray(), result.States[0].ToArray());
    }
}
