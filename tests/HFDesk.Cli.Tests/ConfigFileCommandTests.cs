namespace HFDesk.Cli.Tests;

/// <summary>Issue 15 item 11: a hand-written config.json that sets a few fields is normal, not a problem.</summary>
public sealed class ConfigFileCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hfdesk-config-cli-" + Guid.NewGuid().ToString("N")[..10]);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Theory]
    [InlineData("""{"connections": 3}""")]
    [InlineData("""{"maxSpeed": "20MB", "retries": 2}""")]
    [InlineData("""{}""")]
    public async Task PartialConfig_NoWarningAboutTheFieldsItLeavesOut(string config)
    {
        var result = await RunWithConfigAsync(config);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("Warning", result.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact(Timeout = 60_000)]
    public async Task PartialConfig_RealProcess_NothingOnStderr()
    {
        var data = Directory.CreateDirectory(Path.Combine(_root, "data")).FullName;
        await File.WriteAllTextAsync(Path.Combine(data, "config.json"), """{"connections": 3, "maxSpeed": "20MB"}""", TestContext.Current.CancellationToken);

        var (exit, output, error) = await HfDeskProcess.RunAsync(
            new Dictionary<string, string> { ["HF_HOME"] = Path.Combine(_root, "hf-home") },
            TestContext.Current.CancellationToken,
            "cache", "list", "--data-dir", data, "--cache-dir", Path.Combine(_root, "cache"));

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.DoesNotContain("Warning", output, StringComparison.OrdinalIgnoreCase);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("cache", "list")]
    [InlineData("mirror", "targets")]
    public async Task ConfigWithBadField_Json_StdoutStaysJsonAndTheWarningGoesToStderr(string command, string subcommand)
    {
        var data = Directory.CreateDirectory(Path.Combine(_root, "data")).FullName;
        await File.WriteAllTextAsync(Path.Combine(data, "config.json"), """{"connections": 3, "maxActive": 999}""", TestContext.Current.CancellationToken);

        var (exit, output, error) = await HfDeskProcess.RunAsync(
            new Dictionary<string, string> { ["HF_HOME"] = Path.Combine(_root, "hf-home") },
            TestContext.Current.CancellationToken,
            command, subcommand, "--json", "--data-dir", data, "--cache-dir", Path.Combine(_root, "cache"));

        Assert.Equal(0, exit);
        // A script reads stdout: it must be JSON and nothing else.
        using (System.Text.Json.JsonDocument.Parse(output))
        {
        }

        Assert.DoesNotContain("Warning", output, StringComparison.Ordinal);
        Assert.Contains("Warning", error, StringComparison.Ordinal);
        Assert.Contains("maxActive", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigWithOneBadField_OneWarningNamingThatField()
    {
        var result = await RunWithConfigAsync("""{"connections": 3, "maxActive": 999}""");

        Assert.Equal(0, result.ExitCode);
        var warnings = result.Output.Split('\n').Where(l => l.Contains("Warning", StringComparison.Ordinal)).ToList();
        var warning = Assert.Single(warnings);
        Assert.Contains("maxActive", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("connections", warning, StringComparison.Ordinal);
    }

    private async Task<Spectre.Console.Cli.Testing.CommandAppResult> RunWithConfigAsync(string config)
    {
        var data = Directory.CreateDirectory(Path.Combine(_root, "data")).FullName;
        await File.WriteAllTextAsync(Path.Combine(data, "config.json"), config, TestContext.Current.CancellationToken);
        return await CliTestApp.Create().RunAsync(
            ["cache", "list", "--data-dir", data, "--cache-dir", Path.Combine(_root, "cache")], TestContext.Current.CancellationToken);
    }
}
