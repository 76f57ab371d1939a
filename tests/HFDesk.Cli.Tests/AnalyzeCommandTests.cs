using System.Text.Json;
using HFDesk.HubEmulator;
using Spectre.Console.Cli.Testing;
using Spectre.Console.Testing;

namespace HFDesk.Cli.Tests;

public sealed class AnalyzeCommandTests
{
    private const int Timeout = 60_000;

    [Fact(Timeout = Timeout)]
    public async Task Analyze_GgufRepo_TableWithRecommendedMarkAndDownloadLine()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        var result = await RunAsync("analyze", StandardFixtures.GgufRepo, "--endpoint", emulator.Endpoint.AbsoluteUri);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("Type: gguf", result.Output, StringComparison.Ordinal);
        var q4 = Assert.Single(Lines(result.Output), l => l.Contains(" Q4_K_M ", StringComparison.Ordinal));
        Assert.Contains("★", q4, StringComparison.Ordinal);
        var q6 = Assert.Single(Lines(result.Output), l => l.Contains(" Q6_K ", StringComparison.Ordinal));
        Assert.DoesNotContain("★", q6, StringComparison.Ordinal);
        Assert.Contains("Vision encoder (F16)", result.Output, StringComparison.Ordinal);
        Assert.Contains($"hfdesk download {StandardFixtures.GgufRepo} -F q4_k_m,mmproj-f16", result.Output, StringComparison.Ordinal);
        Assert.Contains("Recommended download: 3 files", result.Output, StringComparison.Ordinal);
        Assert.Contains("Quantizations", result.Output, StringComparison.Ordinal);
        Assert.Contains("the usual best balance of size and quality", q4, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeout)]
    public async Task Analyze_Json_PrintsTheApiShape()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        var result = await RunAsync("analyze", StandardFixtures.TransformersRepo, "--json", "--endpoint", emulator.Endpoint.AbsoluteUri);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var body = JsonSerializer.Deserialize<JsonElement>(result.Output);
        Assert.Equal("transformers", body.GetProperty("type").GetString());
        Assert.Equal(emulator.Repos.Get(StandardFixtures.TransformersRepo).Commit, body.GetProperty("commit").GetString());
        Assert.Equal(StandardFixtures.TransformersRepo, body.GetProperty("recommended_download").GetProperty("repo").GetString());
        Assert.DoesNotContain("pytorch_model.bin", body.GetProperty("recommended_files").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("model-00001-of-00002.safetensors", body.GetProperty("recommended_files").EnumerateArray().Select(f => f.GetString()));
    }

    [Theory(Timeout = Timeout)]
    [InlineData("--dataset", StandardFixtures.ParquetDataset)]
    [InlineData(null, "datasets/" + StandardFixtures.ParquetDataset)]
    public async Task Analyze_Dataset_ByFlagOrPrefix(string? flag, string repo)
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        string[] args = ["analyze", repo, "--endpoint", emulator.Endpoint.AbsoluteUri, .. flag is null ? Array.Empty<string>() : [flag]];

        var result = await RunAsync(args);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("Type: dataset", result.Output, StringComparison.Ordinal);
        Assert.Contains("--dataset", Lines(result.Output).Last(l => l.Contains("hfdesk download", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeout)]
    public async Task Analyze_MissingRepo_FailsWithTheHubMessage()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        var result = await RunAsync("analyze", "emulator/nope", "--endpoint", emulator.Endpoint.AbsoluteUri, "--token", HubEmulatorTokens.Valid);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("Error:", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a repo")]
    [InlineData("..")]
    [InlineData("a--b/c")]
    [InlineData("https://huggingface.co/spaces/a/b")]
    public async Task Analyze_InvalidRepo_RejectedBeforeAnyRequest(string repo)
    {
        var result = await RunAsync("analyze", repo, "--endpoint", "http://127.0.0.1:9");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
    }

    private static async Task<CommandAppResult> RunAsync(params string[] args)
    {
        var console = new TestConsole().Width(220);
        var app = new CommandAppTester(null, new CommandAppTesterSettings(), console);
        app.Configure(HfDeskCommandApp.Configure);
        return await app.RunAsync(args, TestContext.Current.CancellationToken);
    }

    private static string[] Lines(string output) => output.Split('\n');
}
