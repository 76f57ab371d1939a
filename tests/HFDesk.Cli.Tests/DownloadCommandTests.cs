using System.Text.Json;
using HFDesk.Cli.Commands;
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
