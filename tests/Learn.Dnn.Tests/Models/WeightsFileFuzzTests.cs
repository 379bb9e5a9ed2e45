using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using Learn.Dnn.Layers;
using Learn.Dnn.Models;
using Xunit.Abstractions;

namespace Learn.Dnn.Tests.Models;

/// <summary>
/// The weights-file fuzz test: 1,200 seeded mutations of a saved <c>.weights.bin</c> file, each loaded into a
/// model. A load either refuses the file, with an <see cref="InvalidDataException"/> that names the file and says
/// what is wrong (an <see cref="IOException"/> for a folder), and then every weight of the model is as it was;
/// or it loads, and then the model holds exactly the file's numbers (saving it again gives the same bytes).
/// Anything else fails the test: another exception (a crash), a message without the path or a reason (an
/// unclear error), a weight changed by a refused load, a load that takes seconds (a hang). The counts of every
/// outcome are printed.
/// </summary>
public sealed class WeightsFileFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Cases = 1_200;
    private const int Seed = 27;

    private readonly string folder = Directory.CreateTempSubdirectory("learn-dnn-fuzz-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Sequential Model(int hidden, int outputs, ulong seed, int inputs = 3) =>
        new([new Input(inputs), new Dense(hidden, "relu", seed: seed), new Dense(outputs, seed: seed + 1)]);

    /// <summary>The mutations, one kind per case in turn.</summary>
    private enum Kind { Truncation, ByteFlips, Append, HeaderField, HeaderFieldWithDigest, ValuesWithDigest, AnotherModel, FolderOrEmpty }

    /// <summary>Words a clear refusal uses to say what is wrong with the file.</summary>
    private static readonly string[] Reasons =
        ["checksum should be alone", "magic", "truncated", "checksum", "format version", "claims rank", "dimension", "empty", "another model", "is a folder"];

    [Fact]
    public async Task Every_mutated_weights_file_is_refused_clearly_without_changing_the_model_or_loads_exactly()
    {
        var original = Path.Combine(folder, "original.weights.bin");
        Model(4, 2, seed: 1).SaveWeights(original);
        byte[] pristine = File.ReadAllBytes(original);
        var fields = HeaderFields(pristine);
        var target = Model(4, 2, seed: 100);
        var random = new Random(Seed);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();

        for (int c = 0; c < Cases; c++)
        {
            var kind = (Kind)(c % Enum.GetValues<Kind>().Length);
            string path = Path.Combine(folder, $"case-{c}.weights.bin");
            string mutation = Mutate(kind, pristine, fields, random, path);
            var before = target.GetWeights().Select(w => w.ToArray()).ToArray();

            var timer = Stopwatch.StartNew();
            var load = Task.Run(() => target.LoadWeights(path));
            if (await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(30))) != load)
            {
                failures.Add($"case {c} ({kind}: {mutation}) did not finish in 30 s: a load must not hang");
                break;
            }
            string outcome;
            try
            {
                await load;
                outcome = "loaded";
                var again = Path.Combine(folder, $"resaved-{c}.weights.bin");
                target.SaveWeights(again);
                if (!File.ReadAllBytes(again).AsSpan().SequenceEqual(File.ReadAllBytes(path)))
                    failures.Add($"case {c} ({kind}: {mutation}) loaded, but the model does not hold the file's numbers");
                File.Delete(again);
            }
            catch (Exception e) when (e is InvalidDataException || (e is IOException && kind == Kind.FolderOrEmpty && Directory.Exists(path)))
            {
                string? reason = Reasons.FirstOrDefault(r => e.Message.Contains(r, StringComparison.Ordinal));
                outcome = $"refused ({reason ?? "?"})";
                if (!e.Message.Contains(path, StringComparison.Ordinal) || reason is null)
                    failures.Add($"case {c} ({kind}: {mutation}): unclear error {e.GetType().Name}: {e.Message}");
                var after = target.GetWeights().Select(w => w.ToArray()).ToArray();
                for (int w = 0; w < before.Length; w++)
                    if (!before[w].AsSpan().SequenceEqual(after[w]))
                    {
                        failures.Add($"case {c} ({kind}: {mutation}) was refused, but weight {w} of the model changed: a failed load must change nothing");
                        break;
                    }
            }
            catch (Exception e)
            {
                outcome = $"crash ({e.GetType().Name})";
                failures.Add($"case {c} ({kind}: {mutation}): {e.GetType().Name}: {e.Message}");
            }
            if (timer.Elapsed > TimeSpan.FromSeconds(10))
                failures.Add($"case {c} ({kind}: {mutation}) took {timer.Elapsed.TotalSeconds:F1} s: a load must not hang");
            string key = $"{kind,-22} {outcome}";
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        output.WriteLine($"{Cases} mutations of a {pristine.Length}-byte weights file (seed {Seed}):");
        foreach (var (key, count) in counts) output.WriteLine($"  {key,-58} {count,5}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {Cases} cases failed:\n" + string.Join("\n", failures.Take(20)));
    }

    /// <summary>Writes the mutated file (or folder) at <paramref name="path"/> and says what was done.</summary>
    private string Mutate(Kind kind, byte[] pristine, List<(string Name, int Offset)> fields, Random random, string path)
    {
        byte[] bytes = (byte[])pristine.Clone();
        string what;
        switch (kind)
        {
            case Kind.Truncation:
                int length = random.Next(pristine.Length);
                bytes = bytes[..length];
                what = $"cut to {length} bytes";
                break;
            case Kind.ByteFlips:
                int flips = random.Next(1, 5);
                var places = new List<int>();
                for (int i = 0; i < flips; i++)
                {
                    int at = random.Next(bytes.Length);
                    bytes[at] ^= (byte)random.Next(1, 256);
                    places.Add(at);
                }
                what = $"bytes {string.Join(", ", places)} changed";
                break;
            case Kind.Append:
                var extra = new byte[random.Next(1, 65)];
                random.NextBytes(extra);
                bytes = [.. bytes, .. extra];
                what = $"{extra.Length} bytes appended";
                break;
            case Kind.HeaderField or Kind.HeaderFieldWithDigest:
                var (name, offset) = fields[random.Next(fields.Count)];
                uint[] interesting = [0, 1, 2, 3, 4, 5, 16, 17, 255, 65_535, int.MaxValue, 0x8000_0000, uint.MaxValue, (uint)random.Next()];
                uint value = interesting[random.Next(interesting.Length)];
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset, 4), value);
                if (kind == Kind.HeaderFieldWithDigest) RecomputeDigest(bytes);
                what = $"{name} set to {value}" + (kind == Kind.HeaderFieldWithDigest ? ", digest recomputed" : "");
                break;
            case Kind.ValuesWithDigest:
                var header = fields.SelectMany(f => Enumerable.Range(f.Offset, 4)).ToHashSet();
                int index;
                do index = random.Next(16, bytes.Length - 32); while (header.Contains(index));   // a byte of a value
                bytes[index] ^= (byte)random.Next(1, 256);
                RecomputeDigest(bytes);
                what = $"byte {index} changed, digest recomputed";
                break;
            case Kind.AnotherModel:
                (int hidden, int outputs, int inputs) = random.Next(4) switch { 0 => (4, 3, 3), 1 => (5, 2, 3), 2 => (4, 2, 2), _ => (4, 1, 3) };
                Model(hidden, outputs, (ulong)random.Next(1, 1000), inputs).SaveWeights(path);
                return $"the weights of Input({inputs}), Dense({hidden}), Dense({outputs})";
            default:
                if (random.Next(2) == 0)
                {
                    Directory.CreateDirectory(path);
                    return "a folder with the file's name";
                }
                bytes = [];
                what = "an empty file";
                break;
        }
        File.WriteAllBytes(path, bytes);
        return what;
    }

    /// <summary>The header's fields (version, count, each tensor's rank and dimensions) and their offsets.</summary>
    private static List<(string Name, int Offset)> HeaderFields(byte[] file)
    {
        var fields = new List<(string, int)> { ("version", 8), ("tensor count", 12) };
        int offset = 16;
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(12));
        for (int t = 0; t < count; t++)
        {
            fields.Add(($"rank of tensor {t}", offset));
            int rank = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset));
            offset += 4;
            long size = 1;
            for (int d = 0; d < rank; d++, offset += 4)
            {
                fields.Add(($"dimension {d} of tensor {t}", offset));
                size *= BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(offset));
            }
            offset += (int)(4 * size);
        }
        return fields;
    }

    /// <summary>The last 32 bytes made the SHA-256 of the rest again, as a careful forger (or a buggy writer) would.</summary>
    private static void RecomputeDigest(byte[] bytes) =>
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).CopyTo(bytes.AsSpan(bytes.Length - 32));
}
