using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using HFDesk.HubEmulator;

namespace HFDesk.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/HFDesk.Bench [-- --quick] [--rounds N] [--scenario a|b|c]</c>: HFDesk against
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

        await using var emulator = await HubEmulatorHost.StartAsync(new HubEmulatorOptions { IncludeStandardFixtures = false }, cancellationToken);
        var repo = RepoFixture.Model("bench/files")
            .WithFile("large-1g.safetensors", 1024 * MiB)
            .WithFile("capped-512m.safetensors", 512 * MiB);
        for (var i = 0; i < 300; i++)
        {
            // Small files of mixed sizes (4 KiB – 2 MiB) like tokenizers, configs and dataset shards.
            repo.WithFile(string.Create(CultureInfo.InvariantCulture, $"small/file-{i:D3}.bin"), 4096L << (i % 10));
        }

        emulator.Repos.Add(repo);
        emulator.Faults.BandwidthCap(25_000_000, FaultScope.Path("capped-512m"));

        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        async Task<BenchFile> FileAsync(string path)
        {
            var file = repo.File(path);
            var url = await ResolveAsync(http, new Uri(emulator.Endpoint, $"{repo.Id}/resolve/main/{path}"), cancellationToken);
            return new BenchFile(url, path.Replace('/', '_'), file.Size, file.Sha256);
        }

        Console.Error.WriteLine("Preparing fixtures (hashing 1.5 GiB once)…");
        var scenarios = new List<BenchScenario>
        {
            new("a", "1 GiB, unthrottled, SHA-256 verified", [await FileAsync("large-1g.safetensors")],
                [BenchTool.HfDesk(Connections, 1), BenchTool.Aria2(Connections, 1), BenchTool.Curl(1)]),
            new("b", "512 MiB, 25 MB/s per connection", [await FileAsync("capped-512m.safetensors")],
                [BenchTool.HfDesk(Connections, 1), BenchTool.Aria2(Connections, 1), BenchTool.Curl(1)]),
            new("c", "300 small files (4 KiB–2 MiB)",
                [.. await Task.WhenAll(repo.Files.Where(f => f.Path.StartsWith("small/", StringComparison.Ordinal)).Select(f => FileAsync(f.Path)))],
                [BenchTool.HfDesk(Connections, MaxActive), BenchTool.Aria2(Connections, MaxActive), BenchTool.Curl(MaxActive)]),
        };

        var work = Directory.CreateTempSubdirectory("hfdesk-bench-");
        var rows = new List<BenchRow>();
        try
        {
            foreach (var scenario in scenarios.Where(s => only is null || s.Name == only))
            {
                rows.AddRange(await RunScenarioAsync(scenario, rounds, work.FullName, cancellationToken));
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }

        Console.WriteLine(BenchReport.Render(rows, rounds, emulator.Endpoint));
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
                Console.Error.WriteLine($"[{scenario.Name}] round {round + 1}/{rounds}: {tool.Name}");
                var measurement = await TimedProcess.RunAsync(fileName, arguments, cancellationToken);
                if (round == 0)
                {
                    await CheckOutputsAsync(tool.Name, jobs, cancellationToken);
                }

                results[tool.Name].Add(measurement);
                Directory.Delete(dir, recursive: true);
            }
        }

        return scenario.Tools.Select(t => new BenchRow(scenario, t.Name, Median(results[t.Name])));
    }

    // Every tool must deliver the right bytes once, or its time means nothing.
    private static async Task CheckOutputsAsync(string tool, IReadOnlyList<WorkerJob> jobs, CancellationToken cancellationToken)
    {
        foreach (var job in jobs)
        {
            await using var stream = File.OpenRead(job.OutputPath);
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            if (!string.Equals(sha, job.Sha256, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{tool} wrote wrong bytes to {job.OutputPath}");
            }
        }
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
