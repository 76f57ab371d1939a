using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using HFDesk.HubEmulator;

namespace HFDesk.Server.Tests.HubEndpoint;

/// <summary>Pull-through: misses fetched once from upstream with HFDesk's engine, streamed while they fill, kept for later.</summary>
public sealed class HubPullThroughTests
{
    [Fact(Timeout = 120_000)]
    public async Task ConcurrentClients_SameColdFile_OneUpstreamDownloadAndIdenticalBytes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await PullThroughServer.StartAsync();
        var repo = server.Emulator.Repos.Add(StandardFixtures.LargeFile("emulator/cold-large", 8L << 20));
        var file = repo.File("large.bin");
        // Slow enough that all four requests arrive while the one fill is running.
        server.Emulator.Faults.BandwidthCap(8L << 20, FaultScope.Path("large.bin"));
        using var client = server.HubClient();

        var downloads = Enumerable.Range(0, 4).Select(_ => client.GetByteArrayAsync($"{repo.Id}/resolve/main/large.bin", ct)).ToArray();
        var results = await Task.WhenAll(downloads);

        Assert.All(results, bytes => Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes))));
        var fetched = server.Emulator.Requests.BytesSent("large.bin");
        Assert.InRange(fetched, file.Size, file.Size * 105 / 100);
        var stats = await server.Server.Client.GetFromJsonAsync<JsonElement>("/api/hub-endpoint/stats", ct);
        Assert.Equal(1, stats.GetProperty("upstreamFills").GetInt64());

        // Now it is in H: the next client is a cache hit, and the emulator sends nothing more.
        var again = await client.GetByteArrayAsync($"{repo.Id}/resolve/main/large.bin", ct);
        Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(again)));
        Assert.Equal(fetched, server.Emulator.Requests.BytesSent("large.bin"));
    }

    [Fact(Timeout = 120_000)]
    public async Task FailingFill_EveryWaitingClientGetsAnError_NeverACompleteLooking200()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await PullThroughServer.StartAsync();
        var repo = server.Emulator.Repos.Add(StandardFixtures.LargeFile("emulator/corrupt-large", 4L << 20));
        server.Emulator.Faults.CorruptBytes("large.bin");
        using var client = server.HubClient();

        var downloads = Enumerable.Range(0, 3).Select(async _ =>
        {
            try
            {
                var bytes = await client.GetByteArrayAsync($"{repo.Id}/resolve/main/large.bin", ct);
                return (Exception?)null;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                return ex;
            }
        }).ToArray();
        var outcomes = await Task.WhenAll(downloads);

        Assert.All(outcomes, Assert.NotNull);
        Assert.False(File.Exists(Path.Combine(server.Root, "hf", "hub", "models--emulator--corrupt-large", "blobs", repo.File("large.bin").Sha256)));
    }

    [Fact(Timeout = 120_000)]
    public async Task MetadataAndHead_AnsweredFromUpstreamWithoutFetchingBytes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await PullThroughServer.StartAsync();
        var repo = server.Emulator.Repos.Get(StandardFixtures.GgufRepo);
        var file = repo.File(StandardFixtures.GgufRecommendedFile);
        using var client = server.HubClient();

        using var info = JsonDocument.Parse(await client.GetStringAsync($"api/models/{repo.Id}/revision/main", ct));
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{repo.Id}/resolve/main/{file.Path}"), ct);

        Assert.Equal(repo.Commit, info.RootElement.GetProperty("sha").GetString());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(file.Size, head.Content.Headers.ContentLength);
        Assert.Equal($"\"{file.Sha256}\"", head.Headers.ETag!.Tag);
        Assert.Equal(0, server.Emulator.Requests.BytesSent(file.Path, RequestOrigin.Cdn));
    }

    [Fact(Timeout = 120_000)]
    public async Task PrivateRepo_NotServedAnonymously_ButToALanTokenWhileHfDeskHasAccess()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await PullThroughServer.StartAsync(anonymous: true);
        using var anonymous = server.HubClient(token: null);
        using var authenticated = server.HubClient();

        using var hidden = await anonymous.GetAsync($"api/models/{StandardFixtures.PrivateRepo}", ct);
        using var shown = await authenticated.GetAsync($"api/models/{StandardFixtures.PrivateRepo}", ct);
        using var publicRepo = await anonymous.GetAsync($"api/models/{StandardFixtures.TransformersRepo}", ct);

        Assert.Equal(HttpStatusCode.Unauthorized, hidden.StatusCode);
        Assert.Equal("RepoNotFound", HubFidelityTests.Header(hidden, "X-Error-Code"));
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, publicRepo.StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task UpstreamDown_KeptMetadataStillAnswers_AndUnkeptIs504Not401()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await PullThroughServer.StartAsync();
        var repo = server.Emulator.Repos.Get(StandardFixtures.TransformersRepo);
        using var client = server.HubClient();
        var first = await client.GetByteArrayAsync($"{repo.Id}/resolve/main/config.json", ct);

        server.Emulator.Faults.ServerError(times: int.MaxValue, statusCode: 503);
        using var tree = await client.GetAsync($"api/models/{repo.Id}/tree/{repo.Commit}?recursive=true", ct);
        var cached = await client.GetByteArrayAsync($"{repo.Id}/resolve/{repo.Commit}/config.json", ct);
        using var unknown = await client.GetAsync($"api/models/{StandardFixtures.GgufRepo}", ct);

        Assert.Equal(HttpStatusCode.OK, tree.StatusCode);
        Assert.Equal(first, cached);
        Assert.Equal(HttpStatusCode.GatewayTimeout, unknown.StatusCode);
    }
}
