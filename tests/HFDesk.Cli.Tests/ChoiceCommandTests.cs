using System.Text.Json;
using HFDesk.HubEmulator;

namespace HFDesk.Cli.Tests;

/// <summary>Issue 15 item 11 (and item 4 on the command line): global options first, --item, misses, datasets/, version.</summary>
public sealed class ChoiceCommandTests : IAsyncLifetime
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

    [Theory]
    [InlineData("--endpoint U search x", "search --endpoint U x")]
    [InlineData("--endpoint=U --token T download a/b -F q", "download --endpoint=U --token T a/b -F q")]
    [InlineData("--data-dir D cache list --json", "cache list --data-dir D --json")]
    [InlineData("search x --endpoint U", "search x --endpoint U")]
    [InlineData("--port 9 --no-open", "--port 9 --no-open")]
    [InlineData("--endpoint U --no-open", "--endpoint U --no-open")]
    public void Reorder_GlobalOptionsBeforeTheCommand_MoveAfterIt(string given, string expected) =>
        Assert.Equal(expected.Split(' '), GlobalOptionArguments.Reorder(given.Split(' ')));

    [Fact(Timeout = 60_000)]
    public async Task Search_GlobalOptionBeforeTheCommand_Runs()
    {
        var app = CliTestApp.Create();

        var result = await app.RunAsync(
            GlobalOptionArguments.Reorder(["--endpoint", _emulator.Endpoint.AbsoluteUri, "--data-dir", Path.Combine(_root, "data"), "search", "Tiny-Llama", "--json"]),
            TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(StandardFixtures.GgufRepo, result.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Download_Items_FetchThemWithTheirCompanionsOnly()
    {
        var (exit, lines) = await RunJsonAsync(TestContext.Current.CancellationToken, "download", StandardFixtures.GgufRepo, "--item", "q2_k,mmproj-f16");

        Assert.Equal(0, exit);
        var snapshot = Path.Combine(CacheDir, "hub", "models--emulator--Tiny-Llama-GGUF", "snapshots", _emulator.Repos.Get(StandardFixtures.GgufRepo).Commit);
        Assert.Equal(["README.md", "Tiny-Llama-Q2_K.gguf", "mmproj-F16.gguf"], Directory.GetFiles(snapshot).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("completed", lines[^1].GetProperty("status").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task Download_FilterOrItemMatchingNothing_UsageErrorListingWhatExists()
    {
        var (filterExit, filterLines) = await RunJsonAsync(TestContext.Current.CancellationToken, "download", StandardFixtures.GgufRepo + ":q9_k");
        var (itemExit, itemLines) = await RunJsonAsync(TestContext.Current.CancellationToken, "download", StandardFixtures.GgufRepo, "--item", "q9_k");

        Assert.Equal(2, filterExit);
        Assert.Contains("available quantizations:", filterLines[^1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("Q4_K_M", filterLines[^1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, itemExit);
        Assert.Contains("q4_k_m", itemLines[^1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(CacheDir, "hub", "models--emulator--Tiny-Llama-GGUF", "blobs")));
    }

    [Fact(Timeout = 120_000)]
    public async Task Download_DatasetsPrefixAndMaxSpeed_PlansTheDataset()
    {
        var (exit, lines) = await RunJsonAsync(TestContext.Current.CancellationToken, "download", "datasets/" + StandardFixtures.ParquetDataset, "--dry-run", "--max-speed", "50MB");
        var (badExit, _) = await RunJsonAsync(TestContext.Current.CancellationToken, "download", StandardFixtures.GgufRepo, "--dry-run", "--max-speed", "fast");

        Assert.Equal(0, exit);
        Assert.True(lines[^1].GetProperty("isDataset").GetBoolean());
        Assert.Contains(lines, l => l.GetProperty("event").GetString() == "plan");
        Assert.Equal(2, badExit);
    }

    [Fact(Timeout = 60_000)]
    public async Task Analyze_Gguf_FitForThisMachineAtTheChosenContext()
    {
        var result = await CliTestApp.Create().RunAsync(
            ["analyze", StandardFixtures.GgufRepo, "--context", "8192", "--json", "--endpoint", _emulator.Endpoint.AbsoluteUri, "--data-dir", Path.Combine(_root, "data")],
            TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        var body = JsonDocument.Parse(result.Output.Trim()).RootElement;
        Assert.Equal(8192, body.GetProperty("gguf").GetProperty("context").GetInt64());
        Assert.Equal("llama", body.GetProperty("gguf").GetProperty("architecture").GetString());
        Assert.All(
            body.GetProperty("selectable_items").EnumerateArray().Where(i => i.GetProperty("category").GetString() == "quantization"),
            i => Assert.Contains(i.GetProperty("fit").GetString(), new[] { "full_gpu", "partial_gpu", "cpu_only", "too_large" }));
    }

    [Fact]
    public async Task Version_PrintsCommitAndRuntime()
    {
        var result = await CliTestApp.Create().RunAsync(["version"], TestContext.Current.CancellationToken);

        var lines = result.Output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Matches(@"^\d+\.\d+\.\d+", lines[0]);
        Assert.StartsWith("commit ", lines[1], StringComparison.Ordinal);
        Assert.Contains(".NET", lines[2], StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, List<JsonElement> Lines)> RunJsonAsync(CancellationToken cancellationToken, params string[] args)
    {
        var result = await CliTestApp.Create().RunAsync(
            [.. args, "--json", "--endpoint", _emulator.Endpoint.AbsoluteUri, "--cache-dir", CacheDir, "--data-dir", Path.Combine(_root, "data")],
            cancellationToken);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith('{'))
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToList();
        return (result.ExitCode, lines);
    }
}
