using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HFDesk.Core.Cache;
using HFDesk.Core.Hub;
using HFDesk.HubEmulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HFDesk.Server.Tests;

public sealed class SearchEndpointsTests
{
    private static HfDeskServerOptions AgainstEmulator(HubEmulatorHost hub, string? token = null, Action<IServiceCollection>? services = null) => new()
    {
        Hub = new HubClientOptions { Endpoint = hub.Endpoint.AbsoluteUri, Token = token, MaxRetries = 0, RequestTimeout = TimeSpan.FromSeconds(2) },
        ConfigureServices = services,
    };

    private static async Task<JsonElement> GetItemsAsync(RunningServer server, string query)
    {
        using var response = await server.Client.GetAsync(new Uri(query, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(body.GetProperty("items").GetArrayLength(), body.GetProperty("count").GetInt32());
        return body.GetProperty("items");
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_Text_ReturnsEmulatorModelsWithTheContractFields()
    {
        await using var hub = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await RunningServer.StartAsync(AgainstEmulator(hub));

        var items = await GetItemsAsync(server, "/api/search?q=Tiny-Llama&sort=downloads&limit=40&filter=gguf");

        var item = Assert.Single(items.EnumerateArray());
        Assert.Equal(StandardFixtures.GgufRepo, item.GetProperty("id").GetString());
        Assert.Equal(StandardFixtures.Owner, item.GetProperty("author").GetString());
        Assert.Equal(125_000, item.GetProperty("downloads").GetInt64());
        Assert.Equal(321, item.GetProperty("likes").GetInt64());
        Assert.Equal("text-generation", item.GetProperty("pipelineTag").GetString());
        Assert.False(item.GetProperty("isDataset").GetBoolean());
        Assert.False(item.GetProperty("gated").GetBoolean());
        Assert.False(item.GetProperty("private").GetBoolean());
        Assert.Contains("gguf", item.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        foreach (var name in new[] { "trendingScore", "lastModified", "createdAt", "libraryName", "local" })
        {
            Assert.True(item.TryGetProperty(name, out _), $"missing {name}");
        }

        Assert.False(item.GetProperty("local").GetProperty("present").GetBoolean());
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_Datasets_ReturnsDatasets()
    {
        await using var hub = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await RunningServer.StartAsync(AgainstEmulator(hub));

        var items = await GetItemsAsync(server, "/api/search?datasets=true&q=parquet");

        var item = Assert.Single(items.EnumerateArray());
        Assert.Equal(StandardFixtures.ParquetDataset, item.GetProperty("id").GetString());
        Assert.True(item.GetProperty("isDataset").GetBoolean());
    }

    [Theory(Timeout = 60_000)]
    [InlineData("q=emulator%2Ftiny-transformers", "emulator/tiny-transformers", false)]
    [InlineData("q=https%3A%2F%2Fhuggingface.co%2Femulator%2Ftiny-transformers%2Ftree%2Fmain", "emulator/tiny-transformers", false)]
    [InlineData("q=https%3A%2F%2Fhuggingface.co%2Fdatasets%2Femulator%2Ftiny-parquet", "emulator/tiny-parquet", true)]
    public async Task Search_OwnerNameOrPastedUrl_ReturnsThatRepo(string query, string expectedId, bool isDataset)
    {
        await using var hub = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await RunningServer.StartAsync(AgainstEmulator(hub));

        var items = await GetItemsAsync(server, "/api/search?" + query);

        var item = Assert.Single(items.EnumerateArray());
        Assert.Equal(expectedId, item.GetProperty("id").GetString());
        Assert.Equal(isDataset, item.GetProperty("isDataset").GetBoolean());
    }

    [Theory(Timeout = 60_000)]
    [InlineData("emulator%2Ftiny-transformers", "emulator/tiny-transformers")]
    [InlineData("https%3A%2F%2Fhuggingface.co%2Femulator%2FTiny-Llama-GGUF%2Fblob%2Fmain%2FREADME.md", StandardFixtures.GgufRepo)]
    [InlineData(StandardFixtures.NoNamespaceRepo, StandardFixtures.NoNamespaceRepo)]
    public async Task Search_RepoReference_AnswersDirectSoTheRepoOpens(string query, string expected)
    {
        await using var hub = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await RunningServer.StartAsync(AgainstEmulator(hub));

        using var response = await server.Client.GetAsync(new Uri("/api/search?q=" + query, UriKind.Relative), TestContext.Current.CancellationToken);
        var body = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var text = await server.Client.GetAsync(new Uri("/api/search?q=Tiny-Llama", UriKind.Relative), TestContext.Current.CancellationToken);
        var textBody = JsonSerializer.Deserialize<JsonElement>(await text.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(expected, body.GetProperty("direct").GetString());
        Assert.False(textBody.TryGetProperty("direct", out _));
        var gguf = textBody.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == StandardFixtures.GgufRepo);
        Assert.Equal(["gguf"], gguf.GetProperty("formats").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_LocalIndex_MarksPresentRepos()
    {
        await using var hub = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await RunningServer.StartAsync(AgainstEmulator(hub, services: s => s.AddSingleton<ILocalRepoIndex>(new OneRepoIndex(StandardFixtures.GgufRepo))));

        var items = await GetItemsAsync(server, "/api/search?q=tiny");

        var local = items.EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!, i => i.GetProperty("local"));
        Assert.True(local[StandardFixtures.GgufRepo].GetProperty("present").GetBoolean());
        Assert.Equal("HF cache", local[StandardFixtures.GgufRepo].GetProperty("sources")[0].GetString());
        Assert.False(local[StandardFixtures.TransformersRepo].GetProperty("present").GetBoolean());
    }

    [Theory(Timeout = 60_000)]
    [InlineData("sort=stars")]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("limit=ten")]
    [InlineData("filter=bad%20tag")]
    [InlineData("author=bad--name")]
    [InlineData("datasets=maybe")]
    [InlineData("q=https%3A%2F%2Fhuggingface.co%2Fspaces%2Fa%2Fb")]
    public async Task Search_InvalidParameter_Answers400Envelope(string query)
    {
        await using var hub = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await RunningServer.StartAsync(AgainstEmulator(hub));

        using var response = await server.Client.GetAsync(new Uri("/api/search?" + query, UriKind.Relative), TestContext.Current.CancellationToken);

        var body = await RunningServer.AssertEnvelopeAsync(response, 400, "bad_request");
        Assert.False(string.IsNullOrEmpty(body.GetProperty("details").GetString()));
        Assert.Empty(hub.Requests.Snapshot());
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_UrlOfMissingRepo_Answers404Envelope()
    {
        await using var hub = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await RunningServer.StartAsync(AgainstEmulator(hub, HubEmulatorTokens.Valid));

        using var response = await server.Client.GetAsync(new Uri("/api/search?q=https%3A%2F%2Fhuggingface.co%2Femulator%2Fnope", UriKind.Relative), TestContext.Current.CancellationToken);

        await RunningServer.AssertEnvelopeAsync(response, 404, "not_found");
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_UrlOfPrivateRepoWithoutToken_Answers404EnvelopeThatSaysSetAToken()
    {
        await using var hub = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await RunningServer.StartAsync(AgainstEmulator(hub));

        using var response = await server.Client.GetAsync(new Uri($"/api/search?q=https%3A%2F%2Fhuggingface.co%2F{Uri.EscapeDataString(StandardFixtures.PrivateRepo)}", UriKind.Relative), TestContext.Current.CancellationToken);

        // The Hub answers a private repo and a missing one alike (401 RepoNotFound) to an anonymous caller: 404, and the message says why it may be private.
        var body = await RunningServer.AssertEnvelopeAsync(response, 404, "not_found");
        Assert.Contains("set a token", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains(StandardFixtures.PrivateRepo, body.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task GatedFileFailure_Answers401EnvelopeLinkingTheRepoWithoutLeakingTheToken()
    {
        await using var hub = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        // No frame endpoint reads file bytes yet (analyze will); a probe route raises the real Hub error.
        await using var server = await RunningServer.StartAsync(
            AgainstEmulator(hub, HubEmulatorTokens.NotGranted),
            app => app.MapGet("/api/test-gated", async (HubClient client, CancellationToken cancellationToken) =>
            {
                await client.ReadSmallFileAsync(RepoId.Parse(StandardFixtures.GatedRepo), RepoType.Model, "main", "config.json", 4096, cancellationToken);
                return TypedResults.Ok();
            }));

        using var response = await server.Client.GetAsync(new Uri("/api/test-gated", UriKind.Relative), TestContext.Current.CancellationToken);

        var body = await RunningServer.AssertEnvelopeAsync(response, 401, "unauthorized");
        Assert.Contains("accept its terms", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(HubEmulatorTokens.NotGranted, body.ToString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_HubServerError_Answers502Envelope()
    {
        await using var hub = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        hub.Faults.ServerError(times: 100, statusCode: 500);
        await using var server = await RunningServer.StartAsync(AgainstEmulator(hub));

        using var response = await server.Client.GetAsync(new Uri("/api/search?q=Tiny-Llama", UriKind.Relative), TestContext.Current.CancellationToken);

        await RunningServer.AssertEnvelopeAsync(response, 502, "upstream_error");
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_HubSilent_Answers504Envelope()
    {
        await using var hub = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        hub.Faults.Stall(TimeSpan.FromSeconds(30), times: 100, mode: StallMode.BeforeHeaders);
        await using var server = await RunningServer.StartAsync(AgainstEmulator(hub));

        using var response = await server.Client.GetAsync(new Uri("/api/search?q=Tiny-Llama", UriKind.Relative), TestContext.Current.CancellationToken);

        await RunningServer.AssertEnvelopeAsync(response, 504, "upstream_timeout");
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_HubRateLimits_Answers429EnvelopeWithRetryAfter()
    {
        await using var hub = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        hub.Faults.RateLimit(times: 100, retryAfterSeconds: 12);
        await using var server = await RunningServer.StartAsync(AgainstEmulator(hub));

        using var response = await server.Client.GetAsync(new Uri("/api/search?q=Tiny-Llama", UriKind.Relative), TestContext.Current.CancellationToken);

        await RunningServer.AssertEnvelopeAsync(response, 429, "rate_limited");
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
    }

    private sealed class OneRepoIndex(string repo) : ILocalRepoIndex
    {
        public ValueTask<LocalRepoPresence> GetPresenceAsync(RepoId id, RepoType type, CancellationToken cancellationToken) =>
            ValueTask.FromResult(id.ToString() == repo ? new LocalRepoPresence(true, ["HF cache"], "complete") : LocalRepoPresence.Absent);
    }
}
