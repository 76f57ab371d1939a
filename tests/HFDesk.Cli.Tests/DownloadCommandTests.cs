using System.Text.Json;
using HFDesk.Cli.Commands;
using HFDesk.Core.Units;
using HFDesk.HubEmulator;
using Spectre.Console.Cli.Testing;
using Spectre.Console.Testing;

namespace HFDesk.Cli.Tests;

public sealed class DownloadCommandTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hfdesk-cli-tests", Guid.NewGuid().ToString("N"));
    private HubEmulatorHost _emulator = null!;

    private string CacheDir => Path.Combine(_root, "cache");

    public async ValueTask InitializeAsync() => _emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _emulator.DisposeAsync();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Download_Json_FetchesIntoCacheAndEndsWithSummaryLine()
    {
        var fixture = _emulator.Repos.Get(StandardFixtures.TransformersRepo);

        var (exit, lines) = await RunJsonAsync(TestContext.Current.CancellationToken, StandardFixtures.TransformersRepo);

        Assert.Equal(0, exit);
        Assert.Equal("planning", lines[0].GetProperty("phase").GetString());
        Assert.Equal("planned", lines[1].GetProperty("event").GetString());
        Assert.Contains(lines, l => l.GetProperty("event").GetString() == "phase" && l.GetProperty("phase").GetString() == "downloading");
        Assert.Equal(fixture.Files.Count, lines.Count(l => l.GetProperty("event").GetString() == "fileCompleted"));
        var summary = lines[^1];
        Assert.Equal("summary", summary.GetProperty("event").GetString());
        Assert.Equal("completed", summary.GetProperty("status").GetString());
        Assert.Equal(fixture.Commit, summary.GetProperty("commit").GetString());
        Assert.Equal(fixture.Files.Count, summary.GetProperty("filesDownloaded").GetInt32());
        Assert.Equal(0, summary.GetProperty("exitCode").GetInt32());
        Assert.Equal(fixture.Commit, await File.ReadAllTextAsync(Path.Combine(CacheDir, "hub", "models--emulator--tiny-transformers", "refs", "main"), TestContext.Current.CancellationToken));
        Assert.True(File.Exists(Path.Combine(CacheDir, "models", "emulator", "tiny-transformers", "config.json")));
    }

    [Fact(Timeout = 120_000)]
    public async Task Download_InlineFilterExactIntoLocalDir_TakesOnlyThatQuant()
    {
        var local = Path.Combine(_root, "lmstudio");

        var (exit, lines) = await RunJsonAsync(TestContext.Current.CancellationToken, $"{StandardFixtures.GgufRepo}:Q4_K_M", "--exact", "--local-dir", local);

        Assert.Equal(0, exit);
        var root = Path.Combine(local, "emulator", "Tiny-Llama-GGUF");
        Assert.Equal(root, lines[^1].GetProperty("outputDir").GetString());
        Assert.True(File.Exists(Path.Combine(root, StandardFixtures.GgufRecommendedFile)));
        Assert.Single(Directory.GetFiles(root, "*.gguf"));
        Assert.False(Directory.Exists(Path.Combine(CacheDir, "hub")));
    }

    [Fact(Timeout = 120_000)]
    public async Task Download_DryRun_PrintsPlanAndWritesNothing()
    {
        var (exit, lines) = await RunJsonAsync(TestContext.Current.CancellationToken, StandardFixtures.TransformersRepo, "--dry-run", "-E", "onnx");

        Assert.Equal(0, exit);
        var plan = lines.Single(l => l.GetProperty("event").GetString() == "plan");
        var files = plan.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToList();
        Assert.Contains("config.json", files);
        Assert.DoesNotContain(files, f => f!.Contains("onnx", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(plan.GetProperty("totalSize").GetInt64(), plan.GetProperty("bytesToDownload").GetInt64());
        Assert.Equal("planned", lines[^1].GetProperty("status").GetString());
        Assert.False(Directory.Exists(Path.Combine(CacheDir, "hub")));
        Assert.DoesNotContain(_emulator.Requests.Snapshot(), r => r.Path.Contains("/resolve/", StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task Download_UnknownRepo_ExitsOneWithMessage()
    {
        var (exit, lines) = await RunJsonAsync(TestContext.Current.CancellationToken, "emulator/does-not-exist");

        Assert.Equal(1, exit);
        Assert.Equal("failed", lines[^1].GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(lines[^1].GetProperty("error").GetString()));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("not a repo id")]
    [InlineData("..")]
    [InlineData("a/b", "--connections", "0")]
    [InlineData("a/b", "--max-active", "99")]
    public async Task Download_BadArguments_ExitsTwo(params string[] args)
    {
        var app = CreateApp();

        var result = await app.RunAsync(["download", .. args, "--data-dir", Path.Combine(_root, "data")], TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
    }

    [Fact(Timeout = 180_000)]
    public async Task Download_CancelledMidFile_Exits130KeepsPartialAndNextRunResumes()
    {
        const long size = 16L * 1024 * 1024;
        _emulator.Repos.Add(StandardFixtures.LargeFile("emulator/large", size));
        var cap = _emulator.Faults.BandwidthCap(1024 * 1024);
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = RunJsonAsync(interrupt.Token, "emulator/large", "-c", "2");

        // Stands in for Ctrl-C: cancel once the CDN has started sending the file's bytes.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (_emulator.Requests.BytesSent("large.bin", RequestOrigin.Cdn) < 512 * 1024 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        await interrupt.CancelAsync();
        var (exit, _) = await run;
        Assert.Equal(130, exit);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(CacheDir, "hub", "models--emulator--large", "blobs"), "*.incomplete"));

        _emulator.Faults.Remove(cap);
        var (again, lines) = await RunJsonAsync(TestContext.Current.CancellationToken, "emulator/large");

        Assert.Equal(0, again);
        Assert.True(lines[^1].GetProperty("bytesResumed").GetInt64() > 0, "the second run resumed the partial");
        Assert.Empty(Directory.GetFiles(Path.Combine(CacheDir, "hub", "models--emulator--large", "blobs"), "*.incomplete"));
    }

    [Fact(Timeout = 180_000)]
    public async Task Download_Resumed_SaysWhatWasOnDiskAndItsSpeedLeavesThoseBytesOut()
    {
        const long size = 12L * 1024 * 1024;
        var ct = TestContext.Current.CancellationToken;
        _emulator.Repos.Add(StandardFixtures.LargeFile("emulator/resumed", size));
        var fast = _emulator.Faults.BandwidthCap(4 * 1024 * 1024);
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var first = RunJsonAsync(interrupt.Token, "emulator/resumed", "-c", "1");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (_emulator.Requests.BytesSent("large.bin", RequestOrigin.Cdn) < 8 * 1024 * 1024 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, ct);
        }

        await interrupt.CancelAsync();
        var (firstExit, firstLines) = await first;
        Assert.Equal(130, firstExit);
        var onDisk = firstLines[^1].GetProperty("bytesFetched").GetInt64();
        Assert.True(onDisk > 4 * 1024 * 1024, $"the first run left {onDisk} bytes");

        // The rest at about 1 MB/s: a speed that counted the resumed bytes would be several times that.
        _emulator.Faults.Remove(fast);
        _emulator.Faults.BandwidthCap(1024 * 1024);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var second = await CreateApp().RunAsync(["download", "emulator/resumed", "-c", "1", .. CommonArgs()], ct);
        watch.Stop();

        Assert.Equal(0, second.ExitCode);
        var done = second.Output.Split('\n').Single(line => line.StartsWith("Done", StringComparison.Ordinal));
        Assert.Contains($"resumed: {ByteSize.Format(onDisk - GitAttributesBytes(firstLines))} already on disk", done, StringComparison.Ordinal);
        var speed = System.Text.RegularExpressions.Regex.Match(done, @"\(([0-9.]+ [KMGT]?B)/s\)");
        Assert.True(speed.Success, done);
        Assert.True(ByteSize.TryParse(speed.Groups[1].Value, out var bytesPerSecond));
        Assert.True(
            bytesPerSecond < size / watch.Elapsed.TotalSeconds,
            $"{speed.Value} counts the resumed bytes: the whole file took {watch.Elapsed.TotalSeconds:0.0} s");
    }

    // Regression (issue 15 item 11): the header said "148 KB" and the bar "144.1 KiB".
    [Fact(Timeout = 120_000)]
    public async Task EveryOutput_OneUnitSystem_DecimalAsTheUiShowsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        _emulator.Repos.Add(StandardFixtures.LargeFile("emulator/units", 3L * 1024 * 1024));
        var outputs = new List<string>();
        foreach (var args in new[]
        {
            new[] { "download", "emulator/units" },
            ["download", StandardFixtures.GgufRepo, "--dry-run"],
            ["analyze", StandardFixtures.GgufRepo],
            ["search", "emulator"],
            ["cache", "list"],
            ["cache", "show", "emulator/units"],
        })
        {
            var result = await CreateApp().RunAsync([.. args, .. CommonArgs()], ct);
            Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)}: {result.Output}");
            outputs.Add(result.Output);
        }

        var all = string.Join('\n', outputs);
        Assert.Matches(@"\d (KB|MB)\b", all);
        Assert.DoesNotMatch(@"\d ?(KiB|MiB|GiB|TiB)\b", all);
    }

    [Fact(Timeout = 180_000)]
    public async Task Download_SigintMidFile_Exits130AndJsonSummaryCountsWhatTheNextRunFindsOnDisk()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGINT is a POSIX signal");
        Assert.SkipWhen(InheritedSignals.SigintIgnored, InheritedSignals.SigintIgnoredReason);
        const long size = 8L * 1024 * 1024;
        var ct = TestContext.Current.CancellationToken;
        _emulator.Repos.Add(StandardFixtures.LargeFile("emulator/sigint", size));

        var (exit, lines) = await RunChildUntilSigintAsync(["download", "emulator/sigint", "--json", "-c", "1", "--max-speed", "2MB", .. CommonArgs()], ct);

        Assert.Equal(130, exit);
        var summary = lines[^1];
        Assert.Equal("cancelled", summary.GetProperty("status").GetString());
        Assert.Equal(130, summary.GetProperty("exitCode").GetInt32());
        var fetched = summary.GetProperty("bytesFetched").GetInt64();
        Assert.InRange(fetched, 1, size - 1);
        Assert.Equal(0, summary.GetProperty("bytesResumed").GetInt64());
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(CacheDir, "hub", "models--emulator--sigint", "blobs"), "*.incomplete"));

        // What the summary said was on disk is exactly what the next run finds there and resumes from.
        var (again, next) = await RunJsonAsync(ct, "emulator/sigint");
        Assert.Equal(0, again);
        var resumed = next[^1].GetProperty("bytesResumed").GetInt64();
        var skipped = next[^1].GetProperty("bytesSkipped").GetInt64();
        Assert.Equal(fetched, resumed + skipped);
        Assert.Equal(size + GitAttributesBytes(next), next[^1].GetProperty("bytesFetched").GetInt64() + resumed + skipped);
    }

    /// <summary>The size of the fixture's small .gitattributes, which a run fetches or skips beside large.bin.</summary>
    private static long GitAttributesBytes(List<JsonElement> lines) =>
        lines.Where(l => l.GetProperty("event").GetString() is "fileCompleted" or "fileSkipped" && l.GetProperty("path").GetString() == ".gitattributes")
            .Select(l => l.GetProperty("totalBytes").GetInt64())
            .FirstOrDefault();

    /// <summary>
    /// hfdesk as a child process with its JSON lines read as they come; SIGINT (what Ctrl-C sends) once
    /// large.bin has 1 MB on disk. The signal goes through the runtime's real handler, not a test token.
    /// </summary>
    private async Task<(int ExitCode, List<JsonElement> Lines)> RunChildUntilSigintAsync(string[] args, CancellationToken cancellationToken)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hfdesk.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "HF_TOKEN", "HF_TOKEN_PATH", "HF_ENDPOINT", "HFDESK_DATA_DIR" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["HF_HOME"] = Path.Combine(_root, "hf-home");
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("could not start hfdesk");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        var lines = new List<JsonElement>();
        var signalled = false;
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                var element = JsonDocument.Parse(line).RootElement.Clone();
                lines.Add(element);
                if (!signalled && element.GetProperty("event").GetString() == "fileProgress"
                    && element.GetProperty("path").GetString() == "large.bin" && element.GetProperty("bytes").GetInt64() >= 1024 * 1024)
                {
                    signalled = true;
                    using var kill = System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                    await kill.WaitForExitAsync(timeout.Token);
                }
            }

            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(signalled, $"large.bin never reached 1 MB; stderr: {await errors}");
        return (process.ExitCode, lines);
    }

    [Fact(Timeout = 120_000)]
    public async Task Download_RepoWithoutOwner_CacheFolderModelsDashDashNameAndLocalDirSlashName()
    {
        var ct = TestContext.Current.CancellationToken;
        var local = Path.Combine(_root, "lmstudio");

        var (cached, cacheLines) = await RunJsonAsync(ct, StandardFixtures.NoNamespaceRepo);
        var (flat, flatLines) = await RunJsonAsync(ct, $"{StandardFixtures.NoNamespaceRepo}:config.json", "--local-dir", local);
        var analyzed = await CreateApp().RunAsync(["analyze", StandardFixtures.NoNamespaceRepo, .. CommonArgs()], ct);

        Assert.Equal(0, cached);
        Assert.Equal(StandardFixtures.NoNamespaceRepo, cacheLines[^1].GetProperty("repo").GetString());
        Assert.True(File.Exists(Path.Combine(CacheDir, "hub", $"models--{StandardFixtures.NoNamespaceRepo}", "refs", "main")));
        Assert.True(File.Exists(Path.Combine(CacheDir, "models", StandardFixtures.NoNamespaceRepo, "model.safetensors")));
        Assert.Equal(0, flat);
        Assert.Equal(Path.Combine(local, StandardFixtures.NoNamespaceRepo), flatLines[^1].GetProperty("outputDir").GetString());
        Assert.True(File.Exists(Path.Combine(local, StandardFixtures.NoNamespaceRepo, "config.json")));
        Assert.Equal(0, analyzed.ExitCode);
        Assert.Contains($"{StandardFixtures.NoNamespaceRepo} (model) at main", analyzed.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Download_Terminal_ShowsPlanLineAndDone()
    {
        var app = CreateApp();

        var result = await app.RunAsync(["download", StandardFixtures.TransformersRepo, .. CommonArgs()], TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("emulator/tiny-transformers", result.Output, StringComparison.Ordinal);
        Assert.Contains("Done", result.Output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, List<JsonElement> Lines)> RunJsonAsync(CancellationToken cancellationToken, params string[] args)
    {
        var app = CreateApp();
        var result = await app.RunAsync(["download", .. args, "--json", .. CommonArgs()], cancellationToken);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToList();
        return (result.ExitCode, lines);
    }

    private string[] CommonArgs() =>
    [
        "--endpoint", _emulator.Endpoint.GetLeftPart(UriPartial.Authority),
        "--token", HubEmulatorTokens.Valid,
        "--cache-dir", CacheDir,
        "--data-dir", Path.Combine(_root, "data"),
    ];

    private static CommandAppTester CreateApp()
    {
        var app = new CommandAppTester(registrar: null, settings: null, console: new TestConsole().Width(250));
        app.SetDefaultCommand<ServeCommand>();
        app.Configure(HfDeskCommandApp.Configure);
        return app;
    }
}
