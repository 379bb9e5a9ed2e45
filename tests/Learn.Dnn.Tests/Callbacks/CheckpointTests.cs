using Learn.Dnn.Callbacks;
using Learn.Dnn.Layers;
using Learn.Dnn.Models;

namespace Learn.Dnn.Tests.Callbacks;

/// <summary>ModelCheckpoint's file names and saveBestOnly, and the weights file: round trip, atomic writes, clear errors.</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("learn-dnn-ckpt-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathOf(string name) => Path.Combine(folder, name);

    [Fact]
    public void Filenames_are_formatted_from_the_epoch_from_1_and_the_logs()
    {
        var checkpoint = new ModelCheckpoint(PathOf("w-{epoch:02d}-{val_loss:.2f}.weights.bin"), saveWeightsOnly: true);
        Assert.Equal(PathOf("w-03-0.41.weights.bin"), checkpoint.FilePath(2, new Dictionary<string, double> { ["val_loss"] = 0.4071 }));
        Assert.Equal(PathOf("e10-0.5-1.250e-03.weights.bin"),
            new ModelCheckpoint(PathOf("e{epoch}-{loss}-{lr:.3e}.weights.bin"), saveWeightsOnly: true)
                .FilePath(9, new Dictionary<string, double> { ["loss"] = 0.5, ["lr"] = 0.00125 }));
        var error = Assert.Throws<KeyNotFoundException>(() => checkpoint.FilePath(0, new Dictionary<string, double> { ["loss"] = 1 }));
        Assert.Contains("Failed to format this callback filepath", error.Message);
        Assert.Contains("val_loss", error.Message);
    }

    [Fact]
    public void The_path_must_end_in_weights_bin_and_whole_models_come_later()
    {
        Assert.Throws<ArgumentException>(() => new ModelCheckpoint(PathOf("w.h5"), saveWeightsOnly: true));
        Assert.Throws<NotSupportedException>(() => new ModelCheckpoint(PathOf("m.keras")));
    }

    [Fact]
    public void Every_epoch_saves_a_file_and_saveBestOnly_only_the_improving_ones()
    {
        var script = new CallbackScript();
        script.Run(new ModelCheckpoint(PathOf("all-{epoch}.weights.bin"), saveWeightsOnly: true), "val_loss", 1.0, 0.5, 0.7);
        Assert.Equal(["all-1.weights.bin", "all-2.weights.bin", "all-3.weights.bin"], Files("all-"));

        var best = new ModelCheckpoint(PathOf("best-{epoch}.weights.bin"), saveWeightsOnly: true, saveBestOnly: true);
        script.Run(best, "val_loss", 1.0, 0.5, 0.7, 0.4, 0.45);
        Assert.Equal(["best-1.weights.bin", "best-2.weights.bin", "best-4.weights.bin"], Files("best-"));
        Assert.Equal(0.4, best.Best);

        script.Run(new ModelCheckpoint(PathOf("acc-{epoch}.weights.bin"), monitor: "val_accuracy", saveWeightsOnly: true, saveBestOnly: true),
            "val_accuracy", 0.5, 0.4, 0.9);                                 // mode auto: accuracy is maximised
        Assert.Equal(["acc-1.weights.bin", "acc-3.weights.bin"], Files("acc-"));

        script.Run(new ModelCheckpoint(PathOf("thr-{epoch}.weights.bin"), saveWeightsOnly: true, saveBestOnly: true, initialValueThreshold: 0.6),
            "val_loss", 1.0, 0.7, 0.5);
        Assert.Equal(["thr-3.weights.bin"], Files("thr-"));
    }

    [Fact]
    public void A_fixed_name_with_saveBestOnly_holds_the_best_epochs_weights()
    {
        var script = new CallbackScript();
        var path = PathOf("best.weights.bin");
        script.Run(new ModelCheckpoint(path, saveWeightsOnly: true, saveBestOnly: true), "val_loss", 1.0, 0.3, 0.7, 0.5);
        script.Model.LoadWeights(path);
        Assert.Equal(1f, script.Weight);                                    // epoch 1 set the weight to 1
    }

    [Fact]
    public void SaveFreq_in_batches_counts_across_epochs_and_names_the_batch_from_1()
    {
        // 6 samples at batch 2: 3 batches an epoch. Every 2nd batch of 9, counted across epochs:
        // epoch 1 batch 2, epoch 2 batches 1 and 3, epoch 3 batch 2 — and no save at an epoch's end.
        var model = SmallModel(3);
        model.Compile("sgd", "mse");
        var x = new Rng(4).Uniform(new Shape(6, 3));
        var y = new Rng(5).Uniform(new Shape(6, 2));
        var checkpoint = new ModelCheckpoint(PathOf("b-{epoch}-{batch}.weights.bin"), saveWeightsOnly: true, saveFreq: 2);
        model.Fit(x, y, batchSize: 2, epochs: 3, verbose: 0, shuffle: false, callbacks: [checkpoint]);
        Assert.Equal(["b-1-2.weights.bin", "b-2-1.weights.bin", "b-2-3.weights.bin", "b-3-2.weights.bin"], Files("b-"));
        Assert.Equal(PathOf("b-3-2.weights.bin"), checkpoint.LastSaved);
    }

    [Fact]
    public void SaveFreq_is_epoch_or_a_positive_number_of_batches()
    {
        Assert.Equal(SaveFrequency.Epoch, new ModelCheckpoint(PathOf("w.weights.bin"), saveWeightsOnly: true).SaveFreq);
        Assert.Equal(5, new ModelCheckpoint(PathOf("w.weights.bin"), saveWeightsOnly: true, saveFreq: 5).SaveFreq.Batches);
        var name = Assert.Throws<ArgumentException>(() => new ModelCheckpoint(PathOf("w.weights.bin"), saveWeightsOnly: true, saveFreq: "batch"));
        Assert.StartsWith("Unrecognized save_freq: batch. Expected save_freq are 'epoch' or integer values", name.Message);
        var zero = Assert.Throws<ArgumentOutOfRangeException>(() => new ModelCheckpoint(PathOf("w.weights.bin"), saveWeightsOnly: true, saveFreq: 0));
        Assert.Contains("saveFreq must be \"epoch\" or a positive number of batches, got 0", zero.Message);
        Assert.Equal(PathOf("w-2-7.weights.bin"),
            new ModelCheckpoint(PathOf("w-{epoch}-{batch}.weights.bin"), saveWeightsOnly: true, saveFreq: 1)
                .FilePath(1, new Dictionary<string, double>(), batch: 6));
    }

    private string[] Files(string prefix) =>
        Directory.GetFiles(folder, prefix + "*").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    #region weights-file
    private static Sequential SmallModel(ulong seed) =>
        new([new Input(3), new Dense(4, "relu", seed: seed), new Dense(2, seed: seed + 1)]);

    [Fact]
    public void SaveWeights_then_LoadWeights_round_trips_every_weight_exactly()
    {
        var path = PathOf("model.weights.bin");
        var saved = SmallModel(1);
        saved.SaveWeights(path);
        var loaded = SmallModel(10);
        loaded.LoadWeights(path);
        var expected = saved.GetWeights();
        var actual = loaded.GetWeights();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i].ToArray(), actual[i].ToArray());
        // 8 magic + 4 version + 4 count + per tensor (4 rank + 4·rank dims + 4·size) + 32 checksum
        long size = 16 + (4 + 8 + 48) + (4 + 4 + 16) + (4 + 8 + 32) + (4 + 4 + 8) + 32;
        Assert.Equal(size, new FileInfo(path).Length);
    }

    [Fact]
    public void A_crash_in_the_middle_of_a_write_leaves_the_previous_checkpoint_intact()
    {
        var path = PathOf("ckpt.weights.bin");
        var model = SmallModel(1);
        model.SaveWeights(path);
        byte[] before = File.ReadAllBytes(path);

        var changed = SmallModel(20).GetWeights();
        var error = Assert.Throws<IOException>(() => WeightsFile.Write(path, changed, stream => new CrashingStream(stream, crashAfter: 40)));
        Assert.Contains("simulated crash", error.Message);

        Assert.Equal(before, File.ReadAllBytes(path));                     // the old checkpoint, byte for byte
        SmallModel(30).LoadWeights(path);                                  // and it still loads
        Assert.Equal(["ckpt.weights.bin"], Directory.GetFiles(folder).Select(Path.GetFileName));   // no temporary left behind
    }

    [Fact]
    public void A_truncated_file_names_the_file_and_what_is_missing()
    {
        var path = PathOf("cut.weights.bin");
        SmallModel(1).SaveWeights(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..60]);
        var error = Assert.Throws<InvalidDataException>(() => SmallModel(1).LoadWeights(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
        Assert.Contains("tensor 0 of shape [3, 4]", error.Message);
    }

    [Fact]
    public void A_corrupt_byte_a_foreign_file_or_another_models_weights_is_a_clear_error()
    {
        var path = PathOf("bad.weights.bin");
        SmallModel(1).SaveWeights(path);
        var bytes = File.ReadAllBytes(path);
        bytes[40] ^= 0x10;                                                  // one bit of one weight
        File.WriteAllBytes(path, bytes);
        Assert.Contains("checksum", Assert.Throws<InvalidDataException>(() => SmallModel(1).LoadWeights(path)).Message);

        File.WriteAllText(path, "this is not a weights file at all");
        Assert.Contains("magic", Assert.Throws<InvalidDataException>(() => SmallModel(1).LoadWeights(path)).Message);

        SmallModel(1).SaveWeights(path);
        var other = new Sequential([new Input(3), new Dense(5, seed: 1)]);
        var mismatch = Assert.Throws<InvalidDataException>(() => other.LoadWeights(path));
        Assert.Contains("another model", mismatch.Message);

        Assert.Throws<FileNotFoundException>(() => SmallModel(1).LoadWeights(PathOf("missing.weights.bin")));
        Assert.Throws<ArgumentException>(() => SmallModel(1).SaveWeights(PathOf("model.h5")));
    }

    /// <summary>A stream that fails after <c>crashAfter</c> bytes, as a process killed mid-write would stop.</summary>
    private sealed class CrashingStream(Stream inner, int crashAfter) : Stream
    {
        private int written;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            int allowed = Math.Min(buffer.Length, crashAfter - written);
            inner.Write(buffer[..allowed]);
            inner.Flush();
            written += allowed;
            if (allowed < buffer.Length) throw new IOException($"simulated crash after {written} bytes");
        }
    }
    #endregion
}
