using System.Net.Http.Json;
using System.Text.Json;
using HFDesk.HubEmulator;

namespace HFDesk.Server.Tests;

public sealed class ServeEnvironmentTests
{
    [Fact(Timeout = 180_000)]
    public async Task Serve_TokenAndEndpointFromEnvironment_AreUsedAndReportedAsEnvironment()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        var root = Directory.CreateTempSubdirectory("hfdesk-serve-env-").FullName;
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["HF_TOKEN"] = HubEmulatorTokens.Valid,
                ["HF_ENDPOINT"] = emulator.Endpoint.ToString(),
            };
            using var server = await JobsServerProcess.StartAsync(Path.Combine(root, "data"), Path.Combine(root, "hf"), endpoint: null, environment);

            var settings = await server.Client.GetFromJsonAsync<JsonElement>("/api/settings", ct);
            Assert.Equal("environment", settings.GetProperty("tokenSource").GetString());
            Assert.Equal("environment", settings.GetProperty("endpointSource").GetString());
            Assert.EndsWith(HubEmulatorTokens.Valid[^4..], settings.GetProperty("token").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain(HubEmulatorTokens.Valid, settings.ToString(), StringComparison.Ordinal);

            // The environment's token really reaches the Hub: the gated repo's files can be planned and read.
            var analysis = await server.Client.GetFromJsonAsync<JsonElement>($"/api/analyze/{StandardFixtures.GatedRepo}", ct);
            Assert.Equal(StandardFixtures.GatedRepo, analysis.GetProperty("repo").GetString());
            Assert.Contains(emulator.Requests.Snapshot(), r => r.Authorization == $"Bearer {HubEmulatorTokens.Valid}");
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A straggling handle of the child process must not fail the test.
            }
        }
    }
}
