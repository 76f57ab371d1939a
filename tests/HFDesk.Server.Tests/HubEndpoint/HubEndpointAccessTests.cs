using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HFDesk.Core.Settings;

namespace HFDesk.Server.Tests.HubEndpoint;

/// <summary>/api keeps HTTP Basic; /hub takes LAN bearer tokens only; a disabled endpoint serves nothing.</summary>
public sealed class HubEndpointAccessTests
{
    [Fact(Timeout = 60_000)]
    public async Task BasicAuthServer_ApiNeedsBasic_HubTakesLanTokensOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        var root = Directory.CreateTempSubdirectory("hfdesk-hub-access-").FullName;
        try
        {
            var settings = await SettingsStore.OpenAsync(
                new SettingsOverrides { CacheDir = Path.Combine(root, "hf"), DataDir = Path.Combine(root, "data") },
                HfEnvironment.Empty(Path.Combine(root, "home")),
                ct);
            Assert.True((await settings.UpdateAsync(new SettingsUpdate { HubEndpoint = new HubEndpointSettingsUpdate { Tokens = [HubEndpointFixture.LanToken] } }, ct)).Applied);
            await using var server = await RunningServer.StartAsync(new HfDeskServerOptions
            {
                Settings = settings,
                AuthUser = "admin",
                AuthPass = "secret-pass",
                HubEndpoint = true,
                HubOffline = true,
            });
            var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:secret-pass")));

            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(server, "/api/health", null, ct));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(server, "/api/health", basic, ct));
            // 404 RepoNotFound: the token got in (the cache is empty); Basic credentials are not a LAN token.
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(server, "/hub/api/models/acme/tiny", new AuthenticationHeaderValue("Bearer", HubEndpointFixture.LanToken), ct));
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(server, "/hub/api/models/acme/tiny", basic, ct));
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(server, "/hub/api/models/acme/tiny", null, ct));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task DisabledEndpoint_AnswersNotFoundEvenWithAToken()
    {
        var ct = TestContext.Current.CancellationToken;
        var root = Directory.CreateTempSubdirectory("hfdesk-hub-access-").FullName;
        try
        {
            var settings = await SettingsStore.OpenAsync(
                new SettingsOverrides { CacheDir = Path.Combine(root, "hf"), DataDir = Path.Combine(root, "data") },
                HfEnvironment.Empty(Path.Combine(root, "home")),
                ct);
            Assert.True((await settings.UpdateAsync(new SettingsUpdate { HubEndpoint = new HubEndpointSettingsUpdate { Tokens = [HubEndpointFixture.LanToken] } }, ct)).Applied);
            await using var server = await RunningServer.StartAsync(new HfDeskServerOptions { Settings = settings });

            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(server, "/hub/api/models/acme/tiny", new AuthenticationHeaderValue("Bearer", HubEndpointFixture.LanToken), ct));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<HttpStatusCode> StatusAsync(RunningServer server, string path, AuthenticationHeaderValue? auth, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = auth;
        using var response = await server.Client.SendAsync(request, ct);
        return response.StatusCode;
    }
}
