using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace HFDesk.Cli.Tests;

/// <summary>
/// A hub cache H (in <c>cache/hub</c>), a target folder T (its cache in <c>T/hub</c>) and the data dir, in one temp
/// folder; repos written by hand as huggingface_hub lays them out, with real blob names (sha256 for LFS files,
/// the git blob sha1 otherwise), so a check can hash every blob against its name.
/// </summary>
internal sealed class MirrorCliCaches : IDisposable
{
    public MirrorCliCaches()
    {
        Directory.CreateDirectory(TargetDir);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "hfdesk-mirror-cli-" + Guid.NewGuid().ToString("N")[..10]);

    public string CacheDir => Path.Combine(Root, "cache");

    public string HubDir => Path.Combine(CacheDir, "hub");

    public string TargetDir => Path.Combine(Root, "nas");

    public string TargetHub => Path.Combine(TargetDir, "hub");

    public string[] Args(params string[] args) => [.. args, "--cache-dir", CacheDir, "--data-dir", Path.Combine(Root, "data")];

    public static string RepoDir(string hubDir, string repo) => Path.Combine(hubDir, "models--" + repo.Replace("/", "--", StringComparison.Ordinal));

#pragma warning disable CA5350 // git names blobs by SHA-1
    public static string BlobName(byte[] bytes, bool lfs) => lfs
        ? Convert.ToHexStringLower(SHA256.HashData(bytes))
        : Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {bytes.Length}\0"), .. bytes]));
#pragma warning restore CA5350

    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>One snapshot (commit derived from the repo id) of blobs + relative links, <c>refs/main</c> pointing at it.</summary>
    public static void AddRepo(string hubDir, string repo, params (string Path, byte[] Bytes, bool Lfs)[] files)
    {
        var commit = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(repo)))[..40];
        var repoDir = RepoDir(hubDir, repo);
        var blobs = Directory.CreateDirectory(Path.Combine(repoDir, "blobs")).FullName;
        var snapshot = Directory.CreateDirectory(Path.Combine(repoDir, "snapshots", commit)).FullName;
        foreach (var (path, bytes, lfs) in files)
        {
            var blob = Path.Combine(blobs, BlobName(bytes, lfs));
            File.WriteAllBytes(blob, bytes);
            File.CreateSymbolicLink(Path.Combine(snapshot, path), Path.GetRelativePath(snapshot, blob));
        }

        Directory.CreateDirectory(Path.Combine(repoDir, "refs"));
        File.WriteAllText(Path.Combine(repoDir, "refs", "main"), commit);
    }

    /// <summary>Every blob under its final name, as (repo folder, blob name) → size.</summary>
    public static Dictionary<(string Repo, string Blob), long> Blobs(string hubDir) =>
        !Directory.Exists(hubDir)
            ? []
            : Directory.EnumerateDirectories(hubDir)
                .Where(d => Directory.Exists(Path.Combine(d, "blobs")))
                .SelectMany(d => Directory.EnumerateFiles(Path.Combine(d, "blobs")).Select(f => (Repo: Path.GetFileName(d), File: new FileInfo(f))))
                .Where(x => !x.File.Name.StartsWith('.'))
                .ToDictionary(x => (x.Repo, x.File.Name), x => x.File.Length);

    /// <summary>The mirror's own temp files anywhere below <paramref name="hubDir"/>.</summary>
    public static List<string> Temps(string hubDir) =>
        Directory.Exists(hubDir) ? [.. Directory.EnumerateFiles(hubDir, "*.hfdesk-mirror-tmp", SearchOption.AllDirectories)] : [];

    /// <summary>
    /// What a crash must never leave: a blob whose bytes do not hash to its name, a snapshot link that does not
    /// resolve, or a ref naming a snapshot whose files are not all there.
    /// </summary>
    public static void AssertConsistent(string hubDir)
    {
        foreach (var ((repo, blob), _) in Blobs(hubDir))
        {
            var bytes = File.ReadAllBytes(Path.Combine(hubDir, repo, "blobs", blob));
            Assert.True(BlobName(bytes, lfs: blob.Length == 64) == blob, $"{repo}/blobs/{blob} holds other bytes than its name says");
        }

        foreach (var link in Directory.Exists(hubDir) ? Directory.EnumerateFiles(hubDir, "*", SearchOption.AllDirectories) : [])
        {
            if (new FileInfo(link).LinkTarget is not null)
            {
                Assert.True(File.Exists(link), $"{link} is a dangling link");
            }
        }
    }

    /// <summary><c>hfdesk</c> as a child process writing <c>--json</c> lines; the caller reads stdout line by line.</summary>
    public Process Start(params string[] args)
    {
        var start = HfDeskProcess.StartInfo(Args(args));
        start.Environment["HF_HOME"] = Path.Combine(Root, "hf-home");
        return Process.Start(start) ?? throw new InvalidOperationException("could not start hfdesk");
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
