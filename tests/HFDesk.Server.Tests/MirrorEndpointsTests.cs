using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using HFDesk.Core.Settings;

namespace HFDesk.Server.Tests;

/// <summary>api.md § Mirror over real HTTP, with real folders as the hub cache and the target.</summary>
public sealed class MirrorEndpointsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hfdesk-mirror-api-" + Guid.NewGuid().ToString("N")[..10]);

    public MirrorEndpointsTests()
    {
        Local = new CacheTreeWriter(Path.Combine(_root, "cache"));
        Remote = new CacheTreeWriter(Path.Combine(_root, "nas"));
        Directory.CreateDirectory(Remote.CacheRoot);
    }

    private CacheTreeWriter Local { get; }

    private CacheTreeWriter Remote { get; }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Targets_AddListRemove_PersistAcrossRestartAndValidate()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var server = await StartAsync())
        {
            using var created = await server.Client.PostAsJsonAsync("/api/mirror/targets", new { name = "nas", path = Remote.CacheRoot, description = "the NAS" }, ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var target = await created.Content.ReadFromJsonAsync<JsonElement>(ct);
            Assert.Equal("nas", target.GetProperty("name").GetString());
            Assert.True(target.GetProperty("exists").GetBoolean());
            Assert.True(target.GetProperty("writable").GetBoolean());
            Assert.True(target.GetProperty("symlinks").GetBoolean());
            Assert.True(target.GetProperty("free").GetInt64() > 0);

            using var duplicate = await server.Client.PostAsJsonAsync("/api/mirror/targets", new { name = "NAS", path = Path.Combine(_root, "other") }, ct);
            await RunningServer.AssertEnvelopeAsync(duplicate, 409, "conflict");

            object[] invalid =
            [
                new { name = "../x", path = Path.Combine(_root, "x") },
                new { name = "", path = Path.Combine(_root, "x") },
                new { name = new string('a', 65), path = Path.Combine(_root, "x") },
                new { name = "ok", path = "relative/dir" },
                new { name = "ok", path = Path.Combine(_root, "nas", "..", "..", "etc") },
                new { name = "ok", path = Path.GetPathRoot(_root)! },
                new { name = "ok", path = "/etc/hfdesk" },
                new { name = "ok", path = Path.Combine(Local.HubDir, "inside") },
                new { name = "ok", path = Local.CacheRoot },
            ];
            foreach (var body in invalid)
            {
                using var refused = await server.Client.PostAsJsonAsync("/api/mirror/targets", body, ct);
                await RunningServer.AssertEnvelopeAsync(refused, 400, "bad_request");
            }

            // A folder inside a target is a root diskfree answers for; beside it is not.
            using var inside = await server.Client.GetAsync(new Uri("/api/diskfree?path=" + Uri.EscapeDataString(Path.Combine(Remote.CacheRoot, "hub")), UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        }

        await using (var restarted = await StartAsync())
        {
            var list = await restarted.Client.GetFromJsonAsync<JsonElement>("/api/mirror/targets", ct);
            var only = Assert.Single(list.GetProperty("targets").EnumerateArray());
            Assert.Equal("nas", only.GetProperty("name").GetString());
            Assert.Equal("the NAS", only.GetProperty("description").GetString());

            using var removed = await restarted.Client.DeleteAsync(new Uri("/api/mirror/targets/nas", UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
            using var again = await restarted.Client.DeleteAsync(new Uri("/api/mirror/targets/nas", UriKind.Relative), ct);
            await RunningServer.AssertEnvelopeAsync(again, 404, "not_found");
            Assert.True(Directory.Exists(Remote.CacheRoot));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task DiffDryRunPush_ThenDiffIsSame_AndEventsArriveInOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        Local.AddRepo("model", "acme/alpha", [("config.json", "{\"a\":1}"), ("weights.bin", new string('w', 300_000))]);
        Remote.AddRepo("model", "acme/beta", [("config.json", "{\"b\":1}")]);
        await using var server = await StartAsync();
        await AddTargetAsync(server);

        var diff = await PostJsonAsync(server, "/api/mirror/diff", new { target = "nas" });
        var states = diff.GetProperty("repos").EnumerateArray().ToDictionary(r => r.GetProperty("repo").GetString()!, r => r.GetProperty("state").GetString());
        Assert.Equal("missing", states["acme/alpha"]);
        Assert.Equal("extra", states["acme/beta"]);
        Assert.Equal(1, diff.GetProperty("summary").GetProperty("missing").GetInt32());
        Assert.Equal(300_007, diff.GetProperty("summary").GetProperty("bytesToPush").GetInt64());

        var plan = await PostJsonAsync(server, "/api/mirror/push", new { target = "nas", dryRun = true });
        Assert.True(plan.GetProperty("dryRun").GetBoolean());
        Assert.Equal(2, plan.GetProperty("totalFiles").GetInt32());
        Assert.Equal(300_007, plan.GetProperty("totalBytes").GetInt64());
        Assert.False(Directory.Exists(Remote.RepoDir("model", "acme/alpha")));

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(server.BaseAddress.ToString().Replace("http", "ws", StringComparison.Ordinal) + "api/ws"), ct);
        Assert.Equal("status", (await SocketJson.ReceiveAsync(socket, ct, TimeSpan.FromSeconds(30))).GetProperty("type").GetString());

        using var started = await server.Client.PostAsJsonAsync("/api/mirror/push", new { target = "nas", verify = true, fsync = true }, ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var operation = (await started.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("operation");
        var id = operation.GetProperty("id").GetString();
        Assert.Equal("push", operation.GetProperty("kind").GetString());

        var kinds = new List<string>();
        JsonElement finished = default;
        for (var i = 0; i < 200; i++)
        {
            var message = await SocketJson.ReceiveAsync(socket, ct, TimeSpan.FromSeconds(30));
            if (message.GetProperty("type").GetString() != "event")
            {
                continue;
            }

            var data = message.GetProperty("data");
            kinds.Add(data.GetProperty("kind").GetString()!);
            if (data.GetProperty("kind").GetString() == "mirror_finished")
            {
                finished = data.GetProperty("operation");
                break;
            }
        }

        Assert.Equal("mirror_progress", kinds[0]);
        Assert.Equal("mirror_finished", kinds.Last(k => k.StartsWith("mirror", StringComparison.Ordinal)));
        Assert.Equal(id, finished.GetProperty("id").GetString());
        Assert.Equal("completed", finished.GetProperty("status").GetString());
        Assert.Equal(2, finished.GetProperty("copied").GetInt32());

        var after = await PostJsonAsync(server, "/api/mirror/diff", new { target = "nas", repoFilter = "ALPHA" });
        Assert.Equal("same", Assert.Single(after.GetProperty("repos").EnumerateArray()).GetProperty("state").GetString());
        var fetched = await server.Client.GetFromJsonAsync<JsonElement>($"/api/mirror/operations/{id}", ct);
        Assert.Equal("completed", fetched.GetProperty("status").GetString());
        using var late = await server.Client.DeleteAsync(new Uri($"/api/mirror/operations/{id}", UriKind.Relative), ct);
        await RunningServer.AssertEnvelopeAsync(late, 409, "conflict");
    }

    [Fact(Timeout = 60_000)]
    public async Task Push_Refusals_AnswerTheContractsStatus()
    {
        var ct = TestContext.Current.CancellationToken;
        Remote.AddRepo("model", "acme/beta", [("config.json", "{\"b\":1}")]);
        await using var server = await StartAsync();
        await AddTargetAsync(server);

        // H has no repos: deleteExtra would wipe the NAS.
        using (var wipe = await server.Client.PostAsJsonAsync("/api/mirror/push", new { target = "nas", deleteExtra = true, dryRun = true }, ct))
        {
            await RunningServer.AssertEnvelopeAsync(wipe, 409, "conflict");
        }

        using (var unknown = await server.Client.PostAsJsonAsync("/api/mirror/push", new { target = "nope" }, ct))
        {
            await RunningServer.AssertEnvelopeAsync(unknown, 404, "not_found");
        }

        foreach (var filter in new[] { "../x", "a/b/c", "x\\y", "a\u0001" })
        {
            using var bad = await server.Client.PostAsJsonAsync("/api/mirror/diff", new { target = "nas", repoFilter = filter }, ct);
            await RunningServer.AssertEnvelopeAsync(bad, 400, "bad_request");
        }

        using (var badName = await server.Client.PostAsJsonAsync("/api/mirror/pull", new { target = "../nas" }, ct))
        {
            await RunningServer.AssertEnvelopeAsync(badName, 400, "bad_request");
        }

        using (var missing = await server.Client.GetAsync(new Uri("/api/mirror/operations/zzz", UriKind.Relative), ct))
        {
            await RunningServer.AssertEnvelopeAsync(missing, 404, "not_found");
        }
    }

    private Task<RunningServer> StartAsync() => RunningServer.StartAsync(new HfDeskServerOptions
    {
        CacheDir = Local.CacheRoot,
        DataDir = Path.Combine(_root, "data"),
        Environment = HfEnvironment.Empty(Path.Combine(_root, "home")),
    });

    private async Task AddTargetAsync(RunningServer server)
    {
        using var created = await server.Client.PostAsJsonAsync("/api/mirror/targets", new { name = "nas", path = Remote.CacheRoot }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private static async Task<JsonElement> PostJsonAsync(RunningServer server, string path, object body)
    {
        using var response = await server.Client.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }
}
