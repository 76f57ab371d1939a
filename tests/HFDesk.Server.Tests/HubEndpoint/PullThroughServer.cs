using System.Net;
using System.Net.Http.Headers;
using HFDesk.Core.Hub;
using HFDesk.Core.Settings;
using HFDesk.HubEmulator;
using Microsoft.Data.Sqlite;

namespace HFDesk.Server.Tests.HubEndpoint;

/// <summary>A fresh emulator and an HFDesk server with an empty cache and /hub in pull-through mode (one per test).</summary>
internal sealed class PullThroughServer : IAsyncDisposable
{
    private PullThroughServer(HubEmulatorHost emulator, string root, RunningServer server)
    {
        Emulator = emulator;
        Root = root;
        Server = server;
    }

    public HubEmulatorHost Emulator { get; }

    public string Root { get; }

    public RunningServer Server { get; }

    // tuning: engine settings applied before the server starts (maxActive, connections, multipartThreshold).
    public static async Task<PullThroughServer> StartAsync(bool anonymous = false, HubEmulatorHost? emulator = null, SettingsUpdate? tuning = null)
    {
        var ct = TestContext.Current.CancellationToken;
        emulator ??= await HubEmulatorHost.StartAsync(cancellationToken: ct);
        var root = Directory.CreateTempSubdirectory("hfdesk-pull-through-").FullName;
        var settings = await SettingsStore.OpenAsync(
            new SettingsOverrides { CacheDir = Path.Combine(root, "hf"), DataDir = Path.Combine(root, "data"), Endpoint = emulator.Endpoint.ToString(), Token = HubEmulatorTokens.Valid },
            HfEnvironment.Empty(Path.Combine(root, "home")),
            ct);
        var applied = await settings.UpdateAsync(
            (tuning ?? new SettingsUpdate()) with { HubEndpoint = new HubEndpointSettingsUpdate { Enabled = true, Tokens = [HubEndpointFixture.LanToken], Anonymous = anonymous } },
            ct);
        Assert.True(applied.Applied, string.Join("; ", applied.Errors.Values));
        var server = await RunningServer.StartAsync(new HfDeskServerOptions
        {
            Hub = new HubClientOptions { Endpoint = emulator.Endpoint.ToString(), Token = HubEmulatorTokens.Valid },
            Settings = settings,
        });
        return new PullThroughServer(emulator, root, server);
    }

    public HttpClient HubClient(string? token = HubEndpointFixture.LanToken)
    {
        var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = new Uri(Server.BaseAddress, "hub/"),
            Timeout = TimeSpan.FromSeconds(90),
        };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Emulator.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // The temp dir is disposable.
        }
    }
}
