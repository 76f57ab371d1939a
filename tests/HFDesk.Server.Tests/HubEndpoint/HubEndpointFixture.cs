using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HFDesk.Core.Hub;
using HFDesk.Core.Settings;
using HFDesk.HubEmulator;
using Microsoft.Data.Sqlite;

namespace HFDesk.Server.Tests.HubEndpoint;

/// <summary>
/// One Hub emulator and one HFDesk server whose cache HFDesk itself filled from the emulator (several repos, a PR
/// revision, a dataset, and a flat localDir download), with <c>/hub</c> enabled in offline mode behind a LAN token.
/// Shared by the tests of a class: the downloads are the slow part.
/// </summary>
public sealed class HubEndpointFixture : IAsyncLifetime
{
    public const string LanToken = "hf_lan_token_for_tests_0123456789";

    /// <summary>Small pages, so pagination is exercised with the standard fixtures.</summary>
    public const int TreePageSize = 50;

    public const string FlatRepo = StandardFixtures.DiffusersRepo;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    public HubEmulatorHost Emulator { get; private set; } = null!;

    public string Root { get; } = Directory.CreateTempSubdirectory("hfdesk-hub-endpoint-").FullName;

    public string CacheDir => Path.Combine(Root, "hf");

    public string HubDir => Path.Combine(CacheDir, "hub");

    public string LocalRoot => Path.Combine(Root, "local");

    internal SettingsStore Settings { get; private set; } = null!;

    internal RunningServer Server { get; private set; } = null!;

    /// <summary><c>http://127.0.0.1:port/hub</c>, what a client sets as HF_ENDPOINT.</summary>
    public Uri HubUrl => new(Server.BaseAddress, "hub");

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        Emulator = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        Directory.CreateDirectory(LocalRoot);
        Settings = await SettingsStore.OpenAsync(
            new SettingsOverrides { CacheDir = CacheDir, DataDir = Path.Combine(Root, "data"), Endpoint = Emulator.Endpoint.ToString(), Token = HubEmulatorTokens.Valid },
            HfEnvironment.Empty(Path.Combine(Root, "home")),
            ct);
        var applied = await Settings.UpdateAsync(
            new SettingsUpdate
            {
                HubEndpoint = new HubEndpointSettingsUpdate { Enabled = true, Mode = HubEndpointSettings.OfflineMode, Tokens = [LanToken] },
            },
            ct);
        Assert.True(applied.Applied, string.Join("; ", applied.Errors.Values));
        Server = await RunningServer.StartAsync(new HfDeskServerOptions
        {
            Hub = new HubClientOptions { Endpoint = Emulator.Endpoint.ToString(), Token = HubEmulatorTokens.Valid },
            Settings = Settings,
            HubTreePageSize = TreePageSize,
        });

        foreach (var body in new object[]
        {
            new { repo = StandardFixtures.TransformersRepo },
            new { repo = StandardFixtures.GgufRepo },
            new { repo = StandardFixtures.ManyFilesRepo },
            new { repo = StandardFixtures.RefsRepo },
            new { repo = StandardFixtures.RefsRepo, revision = "refs/pr/1" },
            new { repo = StandardFixtures.ParquetDataset, dataset = true },
            new { repo = StandardFixtures.NoNamespaceRepo },
        })
        {
            await DownloadAsync(body);
        }

        // Settings apply to new work at once: from here on downloads are flat, under localDir.
        Assert.True((await Settings.UpdateAsync(new SettingsUpdate { LocalDir = LocalRoot }, ct)).Applied);
        await DownloadAsync(new { repo = FlatRepo });
    }

    /// <summary>A client of HFDesk's /hub (base address ends in <c>/hub/</c>), with the LAN token unless told otherwise.</summary>
    public HttpClient HubClient(string? token = LanToken, bool followRedirects = false)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = followRedirects, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = new Uri(Server.BaseAddress, "hub/"),
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>A client of the emulator itself (base address ends in '/'), with its granted token.</summary>
    public HttpClient EmulatorClient(bool followRedirects = false)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = followRedirects, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = new Uri(Emulator.Endpoint.ToString().TrimEnd('/') + "/"),
            Timeout = TimeSpan.FromSeconds(60),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HubEmulatorTokens.Valid);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A straggling handle on a loaded machine must not fail the run; the temp dir is disposable.
        }
    }

    private async Task DownloadAsync(object body)
    {
        var ct = TestContext.Current.CancellationToken;
        using var response = await Server.Client.PostAsync(
            new Uri("/api/download", UriKind.Relative),
            new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
            ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(ct));
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString();
        var deadline = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < deadline)
        {
            var job = await Server.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/jobs/{id}", UriKind.Relative), ct);
            var status = job.GetProperty("status").GetString();
            if (status == "completed")
            {
                return;
            }

            Assert.True(status is "queued" or "running", $"download {JsonSerializer.Serialize(body)} ended {status}: {job}");
            await Task.Delay(50, ct);
        }

        throw new TimeoutException($"download {JsonSerializer.Serialize(body)} did not complete");
    }
}
