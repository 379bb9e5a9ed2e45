using Learn.Dnn.Devices;
using Learn.Dnn.Layers;
using Learn.Dnn.Losses;
using Xunit.Abstractions;

namespace Learn.Dnn.Tests.Devices;

/// <summary>Who owns a tensor's memory (chapter 10): scopes release what they created, and only that.</summary>
[Collection(AllocationCountsCollection.Name)]
public class StorageScopeTests(ITestOutputHelper output)
{
    [Fact]
    public void A_kept_tensor_keeps_its_values_while_later_steps_reuse_memory()
    {
        var x = Tensor.FromArray([1f, 2f, 3f, 4f], 2, 2);
        Tensor kept;
        using (var scope = StorageScope.Begin())
        {
            kept = (x * 2f).Exp();
            scope.Keep(kept.Storage);
        }
        float[] before = kept.ToArray();
        for (int step = 0; step < 20; step++)
            using (StorageScope.Begin())
                _ = ((x * 3f).Exp() + 7f).ToArray();   // same lengths: these reuse the pool's arrays
        Assert.Equal(before, kept.ToArray());
    }

    [Fact]
    public void A_tensor_not_kept_cannot_be_read_after_its_scope_and_the_message_says_why()
    {
        var x = Tensor.FromArray([1f, 2f], 2);
        Tensor dropped;
        using (StorageScope.Begin()) dropped = x * 2f;
        var e = Assert.Throws<InvalidOperationException>(() => dropped.ToArray());
        Assert.Contains("released at the end of the StorageScope", e.Message);
        Assert.Contains("Keep", e.Message);
    }

    [Fact]
    public void A_scope_never_releases_a_storage_created_before_it_even_through_a_view()
    {
        var x = Tensor.FromArray([1f, 2f, 3f, 4f], 2, 2);
        using (StorageScope.Begin())
        {
            var view = x.Detach();      // shares x's storage
            _ = view * 2f;
        }
        Assert.Equal([1f, 2f, 3f, 4f], x.ToArray());
    }

    [Fact]
    public void Weights_built_inside_a_scope_outlive_it()
    {
        var dense = new Dense(3, seed: 1);
        var x = Tensor.FromArray(new float[2 * 4], 2, 4);
        using (StorageScope.Begin()) dense.Call(x);   // the first call builds the weights
        Assert.Equal(12, dense.TrainableWeights[0].ToArray().Length);
    }

    [Fact]
    public void Nested_scopes_hand_a_kept_storage_to_the_enclosing_one()
    {
        var x = Tensor.FromArray([1f], 1);
        Tensor inner;
        using (StorageScope.Begin())
        {
            using (var scope = StorageScope.Begin())
            {
                inner = x + 1f;
                scope.Keep(inner.Storage);
            }
            Assert.Equal([2f], inner.ToArray());   // alive: the outer scope owns it now
        }
        Assert.Throws<InvalidOperationException>(() => inner.ToArray());
    }

    /// <summary>
    /// The MLP of chapter 10's benchmark, one training step after another inside scopes on the fast CPU
    /// device: after warm-up, a step allocates no tensor storage. What remains is the bookkeeping of the
    /// graph (tensor objects, closures, shapes): under the design's target of 16 KiB per step.
    /// </summary>
    [Fact]
    public void A_steady_training_step_allocates_no_storage()
    {
        var (model, x, y) = Mlp(batch: 64);
        for (int i = 0; i < 3; i++) Step(model, x, y);   // warm-up: the pool fills
        long storageBytes = 64L * (784 + 300 + 100 + 10) * sizeof(float);
        long before = GC.GetAllocatedBytesForCurrentThread();
        const int steps = 20;
        for (int i = 0; i < steps; i++) Step(model, x, y);
        long perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / steps;
        output.WriteLine($"managed allocation per step: {perStep:N0} bytes (one batch's activations alone would be {storageBytes:N0})");
        Assert.True(perStep < 16 * 1024, $"a steady step allocated {perStep:N0} bytes of managed memory; the target is < 16 KiB (the storage pool should leave only the graph's bookkeeping)");
    }

    private static (Dense[] Model, Tensor X, Tensor Y) Mlp(int batch)
    {
        Dense[] model = [new Dense(300, activation: "relu", seed: 1), new Dense(100, activation: "relu", seed: 2), new Dense(10, seed: 3)];
        var rng = new Rng(5);
        var x = rng.Uniform(new Shape(batch, 784));
        var labels = Enumerable.Range(0, batch).Select(i => (float)(i % 10)).ToArray();
        var y = Learn.Dnn.Data.Categorical.ToCategorical(Tensor.FromArray(labels, batch), 10);
        return (model, x, y);
    }

    private static void Step(Dense[] model, Tensor x, Tensor y)
    {
        using var scope = StorageScope.Begin();
        var h = x;
        foreach (var layer in model) h = layer.Call(h, training: true);
        var loss = new CategoricalCrossentropy(fromLogits: true).Call(y, h);
        loss.Backward();
        foreach (var layer in model)
            foreach (var w in layer.TrainableWeights) { w.GradientDescentStep(0.01f); w.ZeroGrad(); }
    }
}
