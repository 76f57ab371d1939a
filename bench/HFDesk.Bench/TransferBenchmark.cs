using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using HFDesk.HubEmulator;

namespace HFDesk.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/HFDesk.Bench [-- --quick] [--rounds N] [--scenario a|b|c|d] [--variants] [--no-publish] [--serve]</c>: HFDesk against
/// aria2c and curl on the loopback emulator, runs alternated A B A B, medians, printed as a Markdown table.
/// </summary>
internal static class TransferBenchmark
{
    private const long MiB = 1024 * 1024;
    private const int Connections = 8;
    private const int MaxActive = 8;

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Contains("--quick") ? 1 : 3;

        var only = (string?)null;
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--rounds")
            {
                rounds = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--scenario")
            {
                only = args[i + 1];
            }
        }

        if (!TimedProcess.Available)
        {
            await Console.Error.WriteLineAsync("GNU time (/usr/bin/time) is needed to measure each tool's CPU and memory.");
            return 2;
        }

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        var cancellationToken = cts.Token;

        var work = Directory.CreateTempSubdirectory("hfdesk-bench-");
        try
        {
            return await RunInAsync(args, rounds, only, work.FullName, cancellationToken);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<int> RunInAsync(string[] args, int rounds, string? only, string workRoot, CancellationToken cancellationToken)
    {
        var binaries = await BenchBinaries.PrepareAsync(publish: !args.Contains("--no-publish") && !args.Contains("--serve"), workRoot, cancellationToken);

        // Engine variants that show where time goes: one connection (all hashing inline, nothing re-read), an fsync of
        // the finished file, no journal checkpoints, and the read/write buffer per connection (default 256 KiB) smaller
        // and bigger.
        BenchTool[] variants = args.Contains("--variants")
            ? [BenchTool.HfDesk(binaries, 1, 1, "hfdesk -c 1"), BenchTool.HfDesk(binaries, Connections, 1, "hfdesk +fsync", "--flush", "true"),
                BenchTool.HfDesk(binaries, Connections, 1, "hfdesk no-journal", "--journal-interval-ms", "600000", "--journal-bytes", "1099511627776"),
                BenchTool.HfDesk(binaries, Connections, 1, "hfdesk 64 KiB buffers", "--buffer-kib", "64"),
                BenchTool.HfDesk(binaries, Connections, 1, "hfdesk 1 MiB buffers", "--buffer-kib", "1024")]
            : [];

        await using var emulator = await HubEmulatorHost.StartAsync(new HubEmulatorOptions { IncludeStandardFixtures = false }, cancellationToken);
        var large = emulator.Repos.Add(RepoFixture.Model("bench/large")
            .WithFile("large-1g.safetensors", 1024 * MiB)
            .WithFile("capped-512m.safetensors", 512 * MiB));
        var small = RepoFixture.Model("bench/small-files");
        for (var i = 0; i < 300; i++)
        {
            // Small files of mixed sizes (4 KiB – 2 MiB) like tokenizers, configs and dataset shards.
            small.WithFile(string.Create(CultureInfo.InvariantCulture, $"small/file-{i:D3}.bin"), 4096L << (i % 10));
        }

        emulator.Repos.Add(small);

        // Tiny files over three tree pages: per-file and per-page fixed costs, not bytes, decide this race.
        var tiny = RepoFixture.Model("bench/tiny-files");
        for (var i = 0; i < 130; i++)
        {
            var folder = (i % 3) switch { 0 => "", 1 => "part-a/", _ => "part-b/nested/" };
            tiny.WithFile(string.Create(CultureInfo.InvariantCulture, $"{folder}file-{i:D3}.txt"), 10 + (i % 50));
        }

        emulator.Repos.Add(tiny);
        emulator.Faults.BandwidthCap(25_000_000, FaultScope.Path("capped-512m"));

        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        async Task<BenchFile> FileAsync(RepoFixture repo, string path)
        {
            var file = repo.File(path);
            var url = await ResolveAsync(http, new Uri(emulator.Endpoint, $"{repo.Id}/resolve/main/{path}"), cancellationToken);
            return new BenchFile(url, path, path.Replace('/', '_'), file.Size, file.Sha256);
        }

        await Console.Error.WriteLineAsync("Preparing fixtures (hashing 1.5 GiB once)…");

        // The physical limit of a verified download here: one core's SHA-256 of the same bytes from the page cache.
        var limitFile = Path.Combine(workRoot, "limit", "large-1g.safetensors");
        if (only is null or "a")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(limitFile)!);
            await using var source = large.File("large-1g.safetensors").OpenRead();
            await using var copy = File.Create(limitFile);
            await source.CopyToAsync(copy, cancellationToken);
        }

        var scenarios = new List<BenchScenario>
        {
            new("a", "1 GiB, unthrottled, SHA-256 verified", [await FileAsync(large, "large-1g.safetensors")],
                [
                    BenchTool.HfDesk(binaries, Connections, 1), BenchTool.Aria2(Connections, 1), BenchTool.Aria2(Connections, 1, verifySha256: true), BenchTool.Curl(1),
                    BenchTool.OpensslSha256(limitFile), .. variants,
                ]),
            new("b", "512 MiB, 25 MB/s per connection", [await FileAsync(large, "capped-512m.safetensors")],
                [BenchTool.HfDesk(binaries, Connections, 1), BenchTool.Aria2(Connections, 1), BenchTool.Aria2(Connections, 1, verifySha256: true), BenchTool.Curl(1), .. variants]),
            new("c", "300 small files (4 KiB–2 MiB)",
                [.. await Task.WhenAll(small.Files.Select(f => FileAsync(small, f.Path)))],
                [
                    BenchTool.HfDeskCli(binaries, emulator.Endpoint, small.Id, small.Commit, Connections, MaxActive),
                    BenchTool.Aria2(Connections, MaxActive),
                    BenchTool.Aria2(Connections, MaxActive, verifySha256: true),
                    BenchTool.Curl(MaxActive),
                    BenchTool.HfDesk(binaries, Connections, MaxActive, "hfdesk engine only"),
                ]),
            new("d", "130 files of a few bytes (three tree pages)",
                [.. await Task.WhenAll(tiny.Files.Select(f => FileAsync(tiny, f.Path)))],
                [
                    BenchTool.HfDeskCli(binaries, emulator.Endpoint, tiny.Id, tiny.Commit, Connections, MaxActive),
                    BenchTool.Aria2(Connections, MaxActive),
                    BenchTool.HfDesk(binaries, Connections, MaxActive, "hfdesk engine only"),
                ]),
        };

        if (args.Contains("--serve"))
        {
            return await ServeAsync(scenarios, emulator.Endpoint, cancellationToken);
        }

        var rows = new List<BenchRow>();
        foreach (var scenario in scenarios.Where(s => only is null || s.Name == only))
        {
            rows.AddRange(await RunScenarioAsync(scenario, rounds, workRoot, cancellationToken));
        }

        Console.WriteLine(BenchReport.Render(rows, rounds, emulator.Endpoint, binaries.Description));
        return 0;
    }

    /// <summary>
    /// <c>--serve</c>: keep the emulator up and write one worker list per scenario, to profile a single tool by hand
    /// (<c>/usr/bin/time -v HFDesk.Bench worker --list …</c>) without the whole race.
    /// </summary>
    private static async Task<int> ServeAsync(IReadOnlyList<BenchScenario> scenarios, Uri hubEndpoint, CancellationToken cancellationToken)
    {
        Console.WriteLine($"hub: {hubEndpoint.AbsoluteUri}");
        var dir = Directory.CreateTempSubdirectory("hfdesk-bench-serve-");
        foreach (var scenario in scenarios)
        {
            var output = Directory.CreateDirectory(Path.Combine(dir.FullName, "out-" + scenario.Name)).FullName;
            var list = Path.Combine(dir.FullName, scenario.Name + ".list");
            await File.WriteAllLinesAsync(
                list,
                scenario.Files.Select(f => new WorkerJob(f.Url, f.Size, f.Sha256, null, Path.Combine(output, f.FileName)).ToLine()),
                cancellationToken);
            Console.WriteLine($"{scenario.Name}: {list}");
        }

        Console.WriteLine("Serving until Ctrl-C.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        dir.Delete(recursive: true);
        return 0;
    }

    private static async Task<IEnumerable<BenchRow>> RunScenarioAsync(BenchScenario scenario, int rounds, string workRoot, CancellationToken cancellationToken)
    {
        var results = scenario.Tools.ToDictionary(t => t.Name, _ => new List<Measurement>());
        for (var round = 0; round < rounds; round++)
        {
            // Alternate the order (A B C, B C A, …) so no tool always runs on a warmer or colder machine.
            for (var k = 0; k < scenario.Tools.Count; k++)
            {
                var tool = scenario.Tools[(k + round) % scenario.Tools.Count];
                var dir = Path.Combine(workRoot, $"{scenario.Name}-{tool.Name}-{round}");
                Directory.CreateDirectory(dir);
                var jobs = scenario.Files.Select(f => new WorkerJob(f.Url, f.Size, f.Sha256, null, Path.Combine(dir, f.FileName))).ToList();
                var (fileName, arguments) = tool.Command(jobs, dir);
                await Console.Error.WriteLineAsync($"[{scenario.Name}] round {round + 1}/{rounds}: {tool.Name}");
                await PageCacheConditioner.ConditionAsync(workRoot, scenario.TotalBytes, cancellationToken);
                var measurement = await TimedProcess.RunAsync(fileName, arguments, cancellationToken);
                if (round == 0)
                {
                    await CheckOutputsAsync(tool, scenario.Files.Zip(jobs, (file, job) => tool.OutputOf(file, job, dir)), scenario.Files, cancellationToken);
                }

                results[tool.Name].Add(measurement);
                Directory.Delete(dir, recursive: true);
            }
        }

        return scenario.Tools.Select(t => new BenchRow(scenario, t.Name, Median(results[t.Name]), t.PrintsWorkerSummary ? Rehashed(results[t.Name]) : null));
    }

    // Every tool must deliver the right bytes once, or its time means nothing.
    private static async Task CheckOutputsAsync(BenchTool tool, IEnumerable<string> outputs, IReadOnlyList<BenchFile> files, CancellationToken cancellationToken)
    {
        foreach (var (output, file) in outputs.Zip(files))
        {
            await using var stream = File.OpenRead(output);
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            if (!string.Equals(sha, file.Sha256, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{tool.Name} wrote wrong bytes to {output}");
            }
        }
    }

    // The worker prints a JSON summary; peers print nothing we read.
    private static long? Rehashed(List<Measurement> runs)
    {
        var values = runs
            .Select(r => r.Output.Trim())
            .Where(o => o.StartsWith('{'))
            .Select(o => JsonSerializer.Deserialize(o, BenchJsonContext.Default.WorkerSummary)!.BytesRehashed)
            .Order()
            .ToArray();
        return values.Length == 0 ? null : values[values.Length / 2];
    }

    private static Measurement Median(List<Measurement> runs)
    {
        static double Mid(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        return new Measurement(Mid(runs.Select(r => r.WallSeconds)), Mid(runs.Select(r => r.CpuSeconds)), (long)Mid(runs.Select(r => (double)r.PeakRssBytes)));
    }

    /// <summary>The 302 target for LFS files (every tool then fetches the same CDN URL), else the resolve URL itself.</summary>
    private static async Task<Uri> ResolveAsync(HttpClient http, Uri resolve, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, resolve);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode is HttpStatusCode.Found or HttpStatusCode.TemporaryRedirect && response.Headers.Location is { } location
            ? (location.IsAbsoluteUri ? location : new Uri(resolve, location))
            : resolve;
    }
}
