using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using HFDesk.Core.Cache;
using HFDesk.Core.Hub;
using HFDesk.Core.Settings;
using HFDesk.HubEmulator;
using Microsoft.Extensions.DependencyInjection;

namespace HFDesk.Server.Tests;

public sealed class CacheEndpointsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hfdesk-cache-api-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly CacheTreeWriter _cache;

    public CacheEndpointsTests()
    {
        _cache = new CacheTreeWriter(Path.Combine(_root, "cache"));
        _cache.AddRepo("model", "acme/tiny", [("config.json", "{}"), ("model.safetensors", "weights!")], complete: true);
        _cache.AddRepo("model", "acme/tiny-GGUF", [("tiny-Q4_K_M.gguf", "q4q4"), ("README.md", "# r")], complete: false);
        _cache.AddRepo("dataset", "acme/rows", [("data/train.parquet", "rows")]);
        var local = Path.Combine(_root, "lmstudio", "lmstudio-community", "Foo-GGUF");
        Directory.CreateDirectory(local);
        File.WriteAllText(Path.Combine(local, "Foo-Q8_0.gguf"), "12345678");
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private HfDeskServerOptions Options(Action<IServiceCollection>? services = null, string? endpoint = null)
    {
        var env = HfEnvironment.Empty(Path.Combine(_root, "home"));
        var settings = SettingsStore.Open(
            new SettingsOverrides { CacheDir = _cache.CacheRoot, DataDir = Path.Combine(_root, "data"), Endpoint = endpoint },
            env);
        return new HfDeskServerOptions { Settings = settings, Environment = env, ConfigureServices = services };
    }

    private async Task<RunningServer> StartAsync(Action<IServiceCollection>? services = null)
    {
        var options = Options(services);
        await options.Settings!.UpdateAsync(new SettingsUpdate { LocalScanDirs = [Path.Combine(_root, "lmstudio")] }, TestContext.Current.CancellationToken);
        return await RunningServer.StartAsync(options);
    }

    private static async Task<JsonElement> GetJsonAsync(RunningServer server, string url, CancellationToken ct)
    {
        using var response = await server.Client.GetAsync(new Uri(url, UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    [Fact(Timeout = 60_000)]
    public async Task List_ShowsEverySourceWithStatusAndStats()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await StartAsync();

        var body = await GetJsonAsync(server, "/api/cache", ct);

        var repos = body.GetProperty("repos").EnumerateArray().ToList();
        Assert.Equal(
            ["acme/rows|dataset|HF cache|unknown", "acme/tiny|model|HF cache|complete", "acme/tiny-GGUF|model|HF cache|filtered", "lmstudio-community/Foo-GGUF|model|Local|unknown"],
            repos.Select(r => $"{r.GetProperty("repo")}|{r.GetProperty("type")}|{r.GetProperty("source")}|{r.GetProperty("downloadStatus")}"));
        var tiny = repos[1];
        Assert.Equal(10, tiny.GetProperty("size").GetInt64());
        Assert.Equal("10 B", tiny.GetProperty("sizeHuman").GetString());
        Assert.Equal(2, tiny.GetProperty("fileCount").GetInt32());
        Assert.Equal("main", tiny.GetProperty("branch").GetString());
        Assert.Equal(_cache.FriendlyDir("model", "acme/tiny"), tiny.GetProperty("friendlyPath").GetString());
        Assert.Equal(["Q4_K_M"], repos[2].GetProperty("quantizations").EnumerateArray().Select(q => q.GetString()));
        Assert.Equal(["q4_k_m"], repos[2].GetProperty("manifest").GetProperty("filters").EnumerateArray().Select(q => q.GetString()));
        var stats = body.GetProperty("stats");
        Assert.Equal(3, stats.GetProperty("totalModels").GetInt32());
        Assert.Equal(1, stats.GetProperty("totalDatasets").GetInt32());
        Assert.Equal(10 + 7 + 4 + 8, stats.GetProperty("totalSize").GetInt64());
        Assert.Equal(_cache.HubDir, body.GetProperty("effectiveHubDir").GetString());
        Assert.Equal("cacheDir", body.GetProperty("hubDirSource").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task List_TypeAndSearch_Filter()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await StartAsync();

        var datasets = await GetJsonAsync(server, "/api/cache?type=dataset", ct);
        var gguf = await GetJsonAsync(server, "/api/cache?search=gguf", ct);
        using var bad = await server.Client.GetAsync(new Uri("/api/cache?type=space", UriKind.Relative), ct);

        Assert.Equal(["acme/rows"], datasets.GetProperty("repos").EnumerateArray().Select(r => r.GetProperty("repo").GetString()));
        Assert.Equal(["acme/tiny-GGUF", "lmstudio-community/Foo-GGUF"], gguf.GetProperty("repos").EnumerateArray().Select(r => r.GetProperty("repo").GetString()));
        await RunningServer.AssertEnvelopeAsync(bad, 400, "bad_request");
    }

    [Fact(Timeout = 60_000)]
    public async Task Show_KnownRepo_AddsSnapshotsAndFiles_UnknownIs404()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await StartAsync();

        var detail = await GetJsonAsync(server, "/api/cache/acme/tiny", ct);
        using var missing = await server.Client.GetAsync(new Uri("/api/cache/acme/nothing?type=model", UriKind.Relative), ct);

        var snapshot = Assert.Single(detail.GetProperty("snapshots").EnumerateArray());
        Assert.Equal(CacheTreeWriter.CommitOf("modelacme/tiny"), snapshot.GetProperty("commit").GetString());
        Assert.Equal(["main"], snapshot.GetProperty("refs").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["config.json", "model.safetensors"], detail.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
        await RunningServer.AssertEnvelopeAsync(missing, 404, "not_found");
    }

    [Fact(Timeout = 60_000)]
    public async Task Delete_Repo_RemovesItThenAnswers404()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await StartAsync();

        using var deleted = await server.Client.DeleteAsync(new Uri("/api/cache/acme/tiny?type=model", UriKind.Relative), ct);
        using var again = await server.Client.DeleteAsync(new Uri("/api/cache/acme/tiny?type=model", UriKind.Relative), ct);
        var list = await GetJsonAsync(server, "/api/cache", ct);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.False(Directory.Exists(_cache.RepoDir("model", "acme/tiny")));
        Assert.False(Directory.Exists(_cache.FriendlyDir("model", "acme/tiny")));
        Assert.True(Directory.Exists(_cache.RepoDir("model", "acme/tiny-GGUF")));
        await RunningServer.AssertEnvelopeAsync(again, 404, "not_found");
        Assert.DoesNotContain(list.GetProperty("repos").EnumerateArray(), r => r.GetProperty("repo").GetString() == "acme/tiny");
    }

    [Fact(Timeout = 60_000)]
    public async Task Delete_TraversalInRoute_Answers400AndDeletesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var outside = Path.Combine(_root, "outside");
        Directory.CreateDirectory(outside);
        await File.WriteAllTextAsync(Path.Combine(outside, "keep.txt"), "keep", ct);
        await using var server = await StartAsync();

        using var dotted = await server.Client.DeleteAsync(new Uri("/api/cache/acme/..outside", UriKind.Relative), ct);
        using var backslash = await server.Client.DeleteAsync(new Uri("/api/cache/acme/%5C..%5C..%5Coutside", UriKind.Relative), ct);
        // HttpClient folds %2E%2E into ".." and removes the segment, so this one never reaches the handler.
        using var encoded = await server.Client.DeleteAsync(new Uri("/api/cache/%2E%2E/outside", UriKind.Relative), ct);

        await RunningServer.AssertEnvelopeAsync(dotted, 400, "bad_request");
        await RunningServer.AssertEnvelopeAsync(backslash, 400, "bad_request");
        Assert.NotEqual(HttpStatusCode.OK, encoded.StatusCode);
        Assert.True(File.Exists(Path.Combine(outside, "keep.txt")));
        Assert.True(Directory.Exists(_cache.RepoDir("model", "acme/tiny")));
    }

    // Regression (issue 12 item 1): the API could not name the copy, and deleting one card removed the others.
    [Fact(Timeout = 60_000)]
    public async Task Delete_NamedCopy_ScanRootIs403UnknownSourceIs400AndOtherCopiesStay()
    {
        var ct = TestContext.Current.CancellationToken;
        var scanCopy = Path.Combine(_root, "lmstudio", "lmstudio-community", "Foo-GGUF");
        _cache.AddRepo("model", "lmstudio-community/Foo-GGUF", [("Foo-Q8_0.gguf", "12345678")], complete: true);
        await using var server = await StartAsync();

        using var scanRoot = await server.Client.DeleteAsync(
            new Uri($"/api/cache/lmstudio-community/Foo-GGUF?source=Local&path={Uri.EscapeDataString(scanCopy)}", UriKind.Relative), ct);
        using var unknown = await server.Client.DeleteAsync(new Uri("/api/cache/lmstudio-community/Foo-GGUF?source=everything", UriKind.Relative), ct);
        using var wrongPath = await server.Client.DeleteAsync(
            new Uri($"/api/cache/lmstudio-community/Foo-GGUF?source=HF%20cache&path={Uri.EscapeDataString(scanCopy)}", UriKind.Relative), ct);
        using var hubCopy = await server.Client.DeleteAsync(new Uri("/api/cache/lmstudio-community/Foo-GGUF?source=HF%20cache", UriKind.Relative), ct);

        await RunningServer.AssertEnvelopeAsync(scanRoot, 403, "forbidden");
        await RunningServer.AssertEnvelopeAsync(unknown, 400, "bad_request");
        await RunningServer.AssertEnvelopeAsync(wrongPath, 400, "bad_request");
        Assert.Equal(HttpStatusCode.OK, hubCopy.StatusCode);
        Assert.False(Directory.Exists(_cache.RepoDir("model", "lmstudio-community/Foo-GGUF")));
        Assert.True(File.Exists(Path.Combine(scanCopy, "Foo-Q8_0.gguf")));
    }

    [Fact(Timeout = 60_000)]
    public async Task Delete_ActiveRepo_Answers409AndKeepsFiles()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await StartAsync(s => s.AddSingleton<IRepoActivity>(new FixedActivity("acme/tiny")));

        using var response = await server.Client.DeleteAsync(new Uri("/api/cache/acme/tiny", UriKind.Relative), ct);

        await RunningServer.AssertEnvelopeAsync(response, 409, "conflict");
        Assert.True(Directory.Exists(_cache.RepoDir("model", "acme/tiny")));
    }

    [Fact(Timeout = 60_000)]
    public async Task Rebuild_RecreatesDeletedFriendlyView()
    {
        var ct = TestContext.Current.CancellationToken;
        Directory.Delete(_cache.FriendlyDir("model", "acme/tiny"), recursive: true);
        await using var server = await StartAsync();

        using var response = await server.Client.PostAsync(
            new Uri("/api/cache/rebuild", UriKind.Relative), new StringContent("""{"clean":true}""", Encoding.UTF8, "application/json"), ct);
        var detail = await GetJsonAsync(server, "/api/cache/acme/tiny", ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("weights!", await File.ReadAllTextAsync(Path.Combine(_cache.FriendlyDir("model", "acme/tiny"), "model.safetensors"), ct));
        Assert.Equal(_cache.FriendlyDir("model", "acme/tiny"), detail.GetProperty("friendlyPath").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task Search_RepoInCache_CarriesLocalBadge()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        _cache.AddRepo("model", StandardFixtures.GgufRepo, [("x-Q4_K_M.gguf", "q")], complete: false);
        await using var server = await RunningServer.StartAsync(Options(endpoint: hub.Endpoint.ToString()));

        var body = await GetJsonAsync(server, "/api/search?q=" + Uri.EscapeDataString(StandardFixtures.GgufRepo), ct);
        var other = await GetJsonAsync(server, "/api/search?q=" + Uri.EscapeDataString(StandardFixtures.TransformersRepo), ct);

        var local = body.GetProperty("items")[0].GetProperty("local");
        Assert.True(local.GetProperty("present").GetBoolean());
        Assert.Contains("HF cache", local.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("filtered", local.GetProperty("downloadStatus").GetString());
        Assert.False(other.GetProperty("items")[0].GetProperty("local").GetProperty("present").GetBoolean());
    }

    [Fact(Timeout = 60_000)]
    public async Task Delete_Repo_TellsWebSocketClientsCacheChanged()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await StartAsync();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new UriBuilder(server.BaseAddress) { Scheme = "ws", Path = "/api/ws" }.Uri, ct);
        Assert.Equal("status", (await SocketJson.ReceiveAsync(socket, ct)).GetProperty("type").GetString());

        using var deleted = await server.Client.DeleteAsync(new Uri("/api/cache/acme/tiny", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        JsonElement message;
        do
        {
            message = await SocketJson.ReceiveAsync(socket, ct);
        }
        while (message.GetProperty("type").GetString() != "event");
        Assert.Equal("cache_changed", message.GetProperty("data").GetProperty("kind").GetString());
        Assert.Equal("acme/tiny", message.GetProperty("data").GetProperty("repo").GetString());
    }

    private sealed class FixedActivity(string repo) : IRepoActivity
    {
        public bool IsActive(RepoType type, RepoId id) => id.ToString() == repo;
    }
}
