using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using HFDesk.Core.Cache;
using HFDesk.Core.Mirror;
using HFDesk.Core.Settings;
using HFDesk.Core.Storage;

namespace HFDesk.Bench.Mirror;

/// <summary>
/// <c>hfdesk-bench mirror-diff [--repos 1000] [--files 50] [--runs 5]</c>: a no-op diff of two equal caches
/// (the issue's bar: under 1 s). <c>hfdesk-bench mirror-speed [--gib 2] [--runs 3]</c>: push (and push with
/// verify) of a multi-repo cache to an empty target against <c>rsync -a</c> of the same cache, alternating in
/// one run; prints the ratios of the medians (bars: push ≤ 1.1 × rsync, push + verify ≤ 1.3 ×).
/// </summary>
public static class MirrorBenchmark
{
    public static async Task<int> RunAsync(string mode, string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = Path.Combine(Path.GetTempPath(), "hfdesk-mirror-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            return mode == "mirror-diff" ? await DiffAsync(root, args) : await SpeedAsync(root, args);
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static async Task<int> DiffAsync(string root, string[] args)
    {
        var repos = IntOption(args, "--repos", 1000);
        var files = IntOption(args, "--files", 50);
        var runs = IntOption(args, "--runs", 5);
        var engine = CreateEngine(root, out var hub, out var target);
        var build = Stopwatch.StartNew();
        for (var r = 0; r < repos; r++)
        {
            BuildRepo(hub, $"bench{r / 100}/repo-{r}", files, 120, r);
        }

        var pushed = await RunAsync(engine, default);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"built {repos} repos x {files} files and pushed them ({pushed.Copied} files) in {build.Elapsed.TotalSeconds:0.0} s"));

        var times = new List<double>();
        MirrorDiff? diff = null;
        var cpu = TimeSpan.Zero;
        for (var i = 0; i <= runs; i++)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            diff = engine.Diff("bench", null, CancellationToken.None).Value!;
            if (i > 0)
            {
                times.Add(sw.Elapsed.TotalMilliseconds);
                cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            }
        }

        times.Sort();

        // Where a diff's time goes, phase by phase (each side read alone, then the comparison).
        var phase = Stopwatch.StartNew();
        var local = MirrorCacheReader.Read(hub, null, CancellationToken.None);
        var readLocal = phase.Elapsed.TotalMilliseconds;
        phase.Restart();
        var remote = MirrorCacheReader.Read(Path.Combine(target, "hub"), null, CancellationToken.None);
        var readRemote = phase.Elapsed.TotalMilliseconds;
        phase.Restart();
        var target0 = engine.Targets.Find("bench")!;
        _ = MirrorDiff.Compare(target0, local, remote, true, true, NoRepoActivity.Instance);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mirror-diff phases: read H {readLocal:0} ms, read T {readRemote:0} ms (the diff reads both at once), compare {phase.Elapsed.TotalMilliseconds:0} ms"));
        var same = diff!.Count(MirrorRepoState.Same);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mirror-diff: {diff.Repos.Count} repos ({same} same), {repos * files} files each side; median of {runs} no-op diffs {times[times.Count / 2]:0} ms (min {times[0]:0}, max {times[^1]:0}); bar 1000 ms; CPU {cpu.TotalMilliseconds / runs:0} ms per diff (user + system, all threads; load distorts it less than wall time); {Environment.ProcessorCount} cores, load {LoadAverage()}"));
        return same == repos ? 0 : 1;
    }

    private static async Task<int> SpeedAsync(string root, string[] args)
    {
        var gib = IntOption(args, "--gib", 2);
        var runs = IntOption(args, "--runs", 3);
        var engine = CreateEngine(root, out var hub, out var target);
        // A realistic mix: per repo one large LFS file, a few mid-sized shards and a handful of small git files.
        var perRepo = 256L << 20;
        var repoCount = (int)((gib * (1L << 30)) / perRepo);
        for (var r = 0; r < repoCount; r++)
        {
            BuildRepo(hub, $"bench/model-{r}", 0, 0, r, [(160L << 20), (64L << 20), (32L << 20)]);
        }

        // rsync -a and push never wait for the disk (their bytes are still in the page cache when they end); push --fsync
        // waits before publishing each file, and rsync -a --fsync is its like-for-like durable peer.
        var results = new Dictionary<string, List<double>>
        {
            ["rsync -a"] = [],
            ["push"] = [],
            ["push --verify"] = [],
            ["rsync -a --fsync"] = [],
            ["push --fsync"] = [],
        };
        for (var i = 0; i < runs; i++)
        {
            foreach (var tool in results.Keys)
            {
                if (Directory.Exists(target))
                {
                    Directory.Delete(target, recursive: true);
                }

                Directory.CreateDirectory(target);
                var sw = Stopwatch.StartNew();
                if (tool.StartsWith("rsync", StringComparison.Ordinal))
                {
                    using var rsync = Process.Start("rsync", [.. tool.Split(' ')[1..], hub + "/", Path.Combine(target, "hub") + "/"]);
                    await rsync.WaitForExitAsync();
                    if (rsync.ExitCode != 0)
                    {
                        Console.WriteLine($"rsync failed ({rsync.ExitCode})");
                        return 1;
                    }
                }
                else
                {
                    var result = await RunAsync(engine, new MirrorCopyOptions(tool.EndsWith("verify", StringComparison.Ordinal), tool.EndsWith("fsync", StringComparison.Ordinal)));
                    if (result.Status != MirrorOperationStatus.Completed)
                    {
                        Console.WriteLine($"push failed: {string.Join("; ", result.Errors.Select(e => e.Message))}");
                        return 1;
                    }
                }

                results[tool].Add(sw.Elapsed.TotalSeconds);
            }
        }

        double Median(string tool)
        {
            var list = results[tool].Order().ToList();
            return list[list.Count / 2];
        }

        var rsyncTime = Median("rsync -a");
        foreach (var tool in results.Keys)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"mirror-speed {tool,-14} median {Median(tool):0.00} s ({gib} GiB, {repoCount} repos; runs {string.Join(", ", results[tool].Select(t => t.ToString("0.00", CultureInfo.InvariantCulture)))})"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mirror-speed ratios: push/rsync {Median("push") / rsyncTime:0.00} (bar 1.10), push+verify/rsync {Median("push --verify") / rsyncTime:0.00} (bar 1.30); {Environment.ProcessorCount} cores, load {LoadAverage()}"));
        var durable = Median("rsync -a --fsync");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mirror-speed ratio durable: push --fsync / rsync -a --fsync {Median("push --fsync") / durable:0.00}"));
        return 0;
    }

    private static MirrorEngine CreateEngine(string root, out string hub, out string target)
    {
        hub = Path.Combine(root, "cache", "hub");
        target = Path.Combine(root, "target");
        Directory.CreateDirectory(hub);
        Directory.CreateDirectory(target);
        var targets = MirrorTargetStore.Open(Path.Combine(root, "data"), HfEnvironment.Empty(Path.Combine(root, "home")));
        var added = targets.AddAsync("bench", target, "", hub, CancellationToken.None).GetAwaiter().GetResult();
        if (added.Outcome != MirrorOutcome.Ok)
        {
            throw new InvalidOperationException(added.Message);
        }

        var hubDir = hub;
        return new MirrorEngine(
            () => new StorageRoots { CacheDir = Path.Combine(root, "cache"), HubDir = hubDir, HubDirSource = HubDirSource.CacheDir },
            targets,
            NoRepoActivity.Instance,
            TimeProvider.System);
    }

    private static async Task<MirrorOperationSnapshot> RunAsync(MirrorEngine engine, MirrorCopyOptions copy)
    {
        var plan = engine.Plan(new MirrorRequest(MirrorDirection.Push, "bench", Verify: copy.Verify, Fsync: copy.Fsync), CancellationToken.None).Value!;
        var operation = engine.CreateOperation(plan, null);
        await MirrorRun.ExecuteAsync(plan, copy, operation, CancellationToken.None);
        return operation.Snapshot();
    }

    // Blob names are real content ids (sha256 of the bytes), so push --verify checks real hashes.
    private static void BuildRepo(string hub, string repo, int smallFiles, int smallSize, int seed, long[]? largeSizes = null)
    {
        var repoDir = Path.Combine(hub, "models--" + repo.Replace("/", "--", StringComparison.Ordinal));
        var commit = Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(seed)))[..40];
        var blobs = Directory.CreateDirectory(Path.Combine(repoDir, "blobs")).FullName;
        var snapshot = Directory.CreateDirectory(Path.Combine(repoDir, "snapshots", commit)).FullName;
        var random = new Random(seed);
        var index = 0;
        foreach (var size in Enumerable.Repeat((long)smallSize, smallFiles).Concat(largeSizes ?? []))
        {
            var bytes = new byte[size];
            random.NextBytes(bytes);
            var blob = Convert.ToHexStringLower(SHA256.HashData(bytes));
            File.WriteAllBytes(Path.Combine(blobs, blob), bytes);
            var dir = index % 5 == 4 ? Directory.CreateDirectory(Path.Combine(snapshot, "sub")).FullName : snapshot;
            File.CreateSymbolicLink(Path.Combine(dir, $"file-{index++}.bin"), Path.GetRelativePath(dir, Path.Combine(blobs, blob)));
        }

        Directory.CreateDirectory(Path.Combine(repoDir, "refs"));
        File.WriteAllText(Path.Combine(repoDir, "refs", "main"), commit);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static int IntOption(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
