using System.Text.Json;
using HFDesk.HubEmulator;

namespace HFDesk.Cli.Tests;

public sealed class SearchCommandTests
{
    [Fact(Timeout = 60_000)]
    public async Task Search_Text_PrintsTableOfEmulatorRepos()
    {
        await using var hub = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        var result = await CliTestApp.Create().RunAsync(
            ["search", "tiny", "--endpoint", hub.Endpoint.AbsoluteUri, "--sort", "likes"], TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(StandardFixtures.GgufRepo, result.Output, StringComparison.Ordinal);
        Assert.Contains(StandardFixtures.TransformersRepo, result.Output, StringComparison.Ordinal);
        Assert.Contains("125k", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(StandardFixtures.PrivateRepo, result.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_Json_PrintsTheApiAnswer()
    {
        await using var hub = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        var result = await CliTestApp.Create().RunAsync(
            ["search", "parquet", "--datasets", "--json", "--endpoint", hub.Endpoint.AbsoluteUri], TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(1, json.RootElement.GetProperty("count").GetInt32());
        var item = json.RootElement.GetProperty("items")[0];
        Assert.Equal(StandardFixtures.ParquetDataset, item.GetProperty("id").GetString());
        Assert.True(item.GetProperty("isDataset").GetBoolean());
        Assert.False(item.GetProperty("local").GetProperty("present").GetBoolean());
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_PastedUrlOfPrivateRepoWithToken_FindsIt()
    {
        await using var hub = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        var result = await CliTestApp.Create().RunAsync(
            ["search", $"{hub.Endpoint.AbsoluteUri}{StandardFixtures.PrivateRepo}/tree/main", "--json", "--endpoint", hub.Endpoint.AbsoluteUri, "--token", HubEmulatorTokens.Valid],
            TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var item = Assert.Single(json.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(StandardFixtures.PrivateRepo, item.GetProperty("id").GetString());
        Assert.True(item.GetProperty("private").GetBoolean());
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_HubRefuses_ExitsOneWithTheReason()
    {
        await using var hub = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        var result = await CliTestApp.Create().RunAsync(
            ["search", $"https://huggingface.co/{StandardFixtures.PrivateRepo}", "--endpoint", hub.Endpoint.AbsoluteUri], TestContext.Current.CancellationToken);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("set a token", result.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_CancelledWhileWaitingForTheHub_ExitsOneHundredThirty()
    {
        await using var hub = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        hub.Faults.Stall(TimeSpan.FromSeconds(30), times: 10, mode: StallMode.BeforeHeaders);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = CliTestApp.Create().RunAsync(["search", "tiny", "--endpoint", hub.Endpoint.AbsoluteUri], cancel.Token);

        // Cancel once the request is known to be in flight (Ctrl-C in the terminal does the same).
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (hub.Requests.Snapshot().Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        await cancel.CancelAsync();
        var result = await run;

        Assert.Equal(130, result.ExitCode);
    }

    [Theory]
    [InlineData("--limit", "0")]
    [InlineData("--sort", "stars")]
    [InlineData("--filter", "bad tag!")]
    public void Search_InvalidOption_ExitsTwo(string option, string value)
    {
        // Validation happens before any request: the endpoint below is never contacted.
        var result = CliTestApp.Create().Run(["search", "x", option, value, "--endpoint", "http://127.0.0.1:9"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Error", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOption_ExitsTwo()
    {
        var result = CliTestApp.Create().Run(["search", "x", "--no-such-flag"]);

        Assert.Equal(2, result.ExitCode);
    }
}
