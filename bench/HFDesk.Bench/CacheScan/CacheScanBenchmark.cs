using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HFDesk.Core.Cache;
using HFDesk.Core.Hub;
using HFDesk.Core.Settings;
using HFDesk.Core.Storage;

namespace HFDesk.Bench.CacheScan;

/// <summary>
/// <c>hfdesk-bench cache-scan [--repos 1000] [--files 50] [--runs 7] [--dir D] [--keep]</c>: builds a hub
/// cache in HF layout (blobs, relative snapshot symlinks, refs) plus friendly-view manifests, then times
/// <see cref="CacheScanner.Scan"/> and prints the median of several runs.
/// </summary>
public static class CacheScanBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var repos = IntOption(args, "--repos", 1000);
        var filesPerRepo = IntOption(args, "--files", 50);
        var runs = IntOption(args, "--runs", 7);
        var keep = args.Contains("--keep");
        var root = StringOption(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "hfdesk-cache-scan-" + Guid.NewGuid().ToString("N")[..8]);

        try
        {
            // With --dir and --keep a tree built by an earlier run is reused: building it takes longer than scanning.
            var marker = Path.Combine(root, $".bench-{repos}x{filesPerRepo}");
            if (!File.Exists(marker))
            {
                var build = Stopwatch.StartNew();
                await BuildTreeAsync(root, repos, filesPerRepo);
                await File.WriteAllTextAsync(marker, "");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"built {repos} repos x {filesPerRepo} files in {build.Elapsed.TotalSeconds:0.0} s under {root}"));
            }

            var roots = StorageRoots.Resolve(
                HfDeskSettings.Defaults with { CacheDir = root },
                SettingsOverrides.None,
                HfEnvironment.Empty(root));
            var times = new List<double>();
            var cpu = new List<double>();
            using var process = Process.GetCurrentProcess();
            CacheScanResult? last = null;
            for (var i = 0; i <= runs; i++)
            {
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                last = CacheScanner.Scan(roots, CancellationToken.None);
                sw.Stop();
                process.Refresh();
                // Run 0 warms the JIT and the OS directory cache; it is reported but not in the median.
                if (i > 0)
                {
                    times.Add(sw.Elapsed.TotalMilliseconds);
                    cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
                }
                else
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first scan (cold JIT): {sw.Elapsed.TotalMilliseconds:0} ms"));
                }
            }

            times.Sort();
            cpu.Sort();
            var median = times[times.Count / 2];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cache-scan: {last!.Repos.Count} repos, {last.Stats.TotalFiles} files, {last.Warnings.Count} warnings; median of {runs} scans {median:0} ms (min {times[0]:0}, max {times[^1]:0}), CPU {cpu[cpu.Count / 2]:0} ms; {Environment.ProcessorCount} cores, load {LoadAverage()}"));
            return last.Repos.Count == repos && last.Stats.TotalFiles == repos * filesPerRepo ? 0 : 1;
        }
        finally
        {
            if (!keep && Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static async Task BuildTreeAsync(string root, int repos, int filesPerRepo)
    {
        var hub = Path.Combine(root, "hub");
        Directory.CreateDirectory(hub);
        for (var r = 0; r < repos; r++)
        {
            var owner = $"owner{r % 40}";
            var name = $"model-{r}";
            var folder = Path.Combine(hub, $"models--{owner}--{name}");
            var commit = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(folder)))[..40];
            var blobs = Directory.CreateDirectory(Path.Combine(folder, "blobs")).FullName;
            var snapshot = Path.Combine(folder, "snapshots", commit);
            Directory.CreateDirectory(Path.Combine(folder, "refs"));
            await File.WriteAllTextAsync(Path.Combine(folder, "refs", "main"), commit);
            var manifestFiles = new List<ManifestFile>();
            for (var f = 0; f < filesPerRepo; f++)
            {
                // A third of the files sit one folder down, as shards and tokenizer folders do on the Hub.
                var repoPath = f % 3 == 0 ? $"sub/file-{f}.bin" : f % 7 == 0 ? $"model-Q4_K_M-{f}.gguf" : $"file-{f}.json";
                var content = Encoding.UTF8.GetBytes($"{folder}/{repoPath}");
                var blob = Convert.ToHexStringLower(SHA256.HashData(content));
                await File.WriteAllBytesAsync(Path.Combine(blobs, blob), content);
                var link = Path.Combine(snapshot, repoPath.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(link)!);
                var depth = repoPath.Count(c => c == '/');
                var target = string.Concat(Enumerable.Repeat("../", depth + 2)) + "blobs/" + blob;
                File.CreateSymbolicLink(link, target.Replace('/', Path.DirectorySeparatorChar));
                manifestFiles.Add(new ManifestFile(repoPath, content.Length, blob, false));
            }

            var friendly = Directory.CreateDirectory(Path.Combine(root, "models", owner, name)).FullName;
            var manifest = new DownloadManifest
            {
                Repo = $"{owner}/{name}",
                Type = RepoType.Model,
                Revision = "main",
                Commit = commit,
                Complete = r % 2 == 0,
                RepoFileCount = filesPerRepo,
                Files = manifestFiles,
            };
            await File.WriteAllTextAsync(
                Path.Combine(friendly, DownloadManifest.FileName),
                System.Text.Json.JsonSerializer.Serialize(manifest, CacheScanJsonContext.Default.DownloadManifest));
        }
    }

    // Wall time on a shared machine says more about the neighbours than about the scan; print the load beside it.
    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        StringOption(args, name) is { } text && int.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static string? StringOption(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
