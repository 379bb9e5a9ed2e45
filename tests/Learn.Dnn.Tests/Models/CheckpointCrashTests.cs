using System.Diagnostics;
using Learn.Dnn.Layers;
using Learn.Dnn.Models;
using Xunit.Abstractions;

namespace Learn.Dnn.Tests.Models;

/// <summary>
/// The checkpoint crash test: a child process saves a model in a loop, a new version each time (every weight
/// of version k is k), and is killed (SIGKILL) at a seeded random moment, again and again. After each kill the
/// file on disk loads, and holds one complete version: every weight the same k. The next save removes the
/// temporary the killed writer left, and nothing else in the folder.
/// </summary>
public sealed class CheckpointCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 24;
    private const int Seed = 27;

    private readonly string folder = Directory.CreateTempSubdirectory("learn-dnn-crash-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Input(256), Dense(256): a 257 KiB file, long enough to write that a kill often lands mid-write.</summary>
    private static Sequential Model() => new([new Input(256), new Dense(256, seed: 1)]);

    /// <summary>The child: saves version 1, 2, 3... to <paramref name="path"/> until it is killed, saying "saved k" after each.</summary>
    public static int SaveLoop(string path)
    {
        var model = Model();
        for (int version = 1; ; version++)
        {
            model.SetWeights(model.Weights.Select(w => Tensor.Full(w.Shape, version)).ToList());
            model.SaveWeights(path);
            Console.WriteLine($"saved {version}");
        }
    }

    [Fact]
    public void A_writer_killed_at_any_moment_leaves_a_complete_version_and_its_temporary_goes_with_the_next_save()
    {
        string path = Path.Combine(folder, "ckpt.weights.bin");
        string[] bystanders = [Path.Combine(folder, "notes.tmp"), Path.Combine(folder, ".other.weights.bin.999999999.0123456789abcdef0123456789abcdef.tmp")];
        foreach (var file in bystanders) File.WriteAllText(file, "not ours");
        var random = new Random(Seed);
        int temporariesLeft = 0;
        var versions = new List<float>();

        for (int kill = 0; kill < Kills; kill++)
        {
            using var child = StartSaveLoop(path);
            WaitForLine(child, "saved 1");                                   // it has saved at least once
            Thread.Sleep(random.Next(0, 40));                                // then a moment somewhere in its loop
            child.Kill(entireProcessTree: true);
            child.WaitForExit();

            var loaded = Model();
            loaded.LoadWeights(path);                                        // always a valid file...
            var values = loaded.GetWeights().SelectMany(w => w.ToArray()).Distinct().ToArray();
            Assert.True(values.Length == 1, $"kill {kill}: the checkpoint mixes versions {string.Join(", ", values.Take(5))}");   // ...of one version
            versions.Add(values[0]);

            if (Temporaries(path).Length > 0) temporariesLeft++;
            loaded.SaveWeights(path);                                        // the next save...
            Assert.Empty(Temporaries(path));                                 // ...removes the killed writer's temporary
            Assert.All(bystanders, file => Assert.Equal("not ours", File.ReadAllText(file)));   // and nothing else
        }
        output.WriteLine($"{Kills} kills (seed {Seed}): every checkpoint loaded as one complete version (versions {string.Join(", ", versions)}); " +
                         $"{temporariesLeft} kills left a temporary, each removed by the next save.");
    }

    private static string[] Temporaries(string path) =>
        Directory.GetFiles(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.*.tmp");

    private static Process StartSaveLoop(string path)
    {
        string assembly = typeof(CheckpointCrashTests).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { assembly, "save-loop", path }) start.ArgumentList.Add(argument);
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName} {assembly}");
    }

    /// <summary>Reads the child's output until <paramref name="line"/>; fails with its error output if it ends first or takes over 60 s.</summary>
    private static void WaitForLine(Process child, string line)
    {
        var read = Task.Run(() =>
        {
            while (child.StandardOutput.ReadLine() is { } next)
                if (next == line) return true;
            return false;
        });
        if (!read.Wait(TimeSpan.FromSeconds(60)) || !read.Result)
        {
            if (!child.HasExited) child.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"the saving process did not print \"{line}\": {child.StandardError.ReadToEnd()}");
        }
    }
}
