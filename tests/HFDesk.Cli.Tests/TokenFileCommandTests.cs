using System.Text.Json;
using HFDesk.HubEmulator;

namespace HFDesk.Cli.Tests;

/// <summary>A user who ran <c>hf auth login</c> and nothing else: hfdesk must send the token from that file.</summary>
public sealed class TokenFileCommandTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hfdesk-cli-tokenfile-" + Guid.NewGuid().ToString("N")[..10]);
    private HubEmulatorHost _emulator = null!;

    private string HfHome => Path.Combine(_root, "hf home");

    public async ValueTask InitializeAsync()
    {
        _emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        Directory.CreateDirectory(HfHome);
    }

    public async ValueTask DisposeAsync()
    {
        await _emulator.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A straggling handle of the child process must not fail the test.
        }
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["HF_HOME"] = HfHome,
        ["HFDESK_DATA_DIR"] = Path.Combine(_root, "data"),
        ["HF_ENDPOINT"] = _emulator.Endpoint.GetLeftPart(UriPartial.Authority),
    };

    [Fact(Timeout = 180_000)]
    public async Task Download_PrivateRepoWithTokenOnlyInHfHomeTokenFile_SendsItAndDownloads()
    {
        var ct = TestContext.Current.CancellationToken;
        await File.WriteAllTextAsync(Path.Combine(HfHome, "token"), HubEmulatorTokens.Valid + "\n", ct);

        var (exit, output, error) = await HfDeskProcess.RunAsync(Environment(), ct, "download", StandardFixtures.PrivateRepo, "--json");

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        var summary = JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement;
        Assert.Equal("completed", summary.GetProperty("status").GetString());
        var fileRequests = _emulator.Requests.Snapshot().Where(r => r.Path.Contains("/resolve/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(fileRequests);
        Assert.All(fileRequests, r => Assert.Equal($"Bearer {HubEmulatorTokens.Valid}", r.Authorization));
        Assert.True(File.Exists(Path.Combine(HfHome, "hub", "models--emulator--private-model", "snapshots", _emulator.Repos.Get(StandardFixtures.PrivateRepo).Commit, "config.json")));
    }

    [Fact(Timeout = 180_000)]
    public async Task Analyze_TokenFileButImplicitTokenDisabled_SendsNoTokenAndFails()
    {
        var ct = TestContext.Current.CancellationToken;
        await File.WriteAllTextAsync(Path.Combine(HfHome, "token"), HubEmulatorTokens.Valid, ct);
        var environment = Environment();
        environment["HF_HUB_DISABLE_IMPLICIT_TOKEN"] = "1";

        var (exit, _, _) = await HfDeskProcess.RunAsync(environment, ct, "analyze", StandardFixtures.PrivateRepo);

        Assert.NotEqual(0, exit);
        Assert.NotEmpty(_emulator.Requests.Snapshot());
        Assert.All(_emulator.Requests.Snapshot(), r => Assert.Null(r.Authorization));
    }

    [Fact(Timeout = 180_000)]
    public async Task Analyze_PrivateRepoWithTokenAtHfTokenPath_SendsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var tokenPath = Path.Combine(_root, "elsewhere", "token");
        Directory.CreateDirectory(Path.GetDirectoryName(tokenPath)!);
        await File.WriteAllTextAsync(tokenPath, HubEmulatorTokens.Valid + "\r\n", ct);
        var environment = Environment();
        environment["HF_TOKEN_PATH"] = tokenPath;

        var (exit, output, error) = await HfDeskProcess.RunAsync(environment, ct, "analyze", StandardFixtures.PrivateRepo, "--json");

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        Assert.Equal(StandardFixtures.PrivateRepo, JsonDocument.Parse(output).RootElement.GetProperty("repo").GetString());
        Assert.All(_emulator.Requests.Snapshot(), r => Assert.Equal($"Bearer {HubEmulatorTokens.Valid}", r.Authorization));
    }
}
