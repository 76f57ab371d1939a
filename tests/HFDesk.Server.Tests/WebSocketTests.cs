using System.Net.WebSockets;
using System.Text.Json;
using HFDesk.Core.Jobs;
using HFDesk.HubEmulator;
using Microsoft.Extensions.DependencyInjection;

namespace HFDesk.Server.Tests;

public sealed class WebSocketTests
{
    [Fact(Timeout = 180_000)]
    public async Task Ws_DownloadLifecycle_StatusFirstCoalescedUpdatesTerminalAtOnceThenDismissEvent()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        JobsTestServer.AddSlowRepo(emulator, "emulator/slow-ws", 1536 * 1024);
        emulator.Faults.BandwidthCap(512 * 1024, FaultScope.Cdn);
        await using var server = await JobsTestServer.StartAsync(emulator);
        var existing = await server.StartDownloadAsync(new { repo = StandardFixtures.TransformersRepo, filters = new[] { "config.json" } });
        await server.WaitForStatusAsync(existing, "completed");
        using var socket = await ConnectAsync(server);

        var status = await SocketJson.ReceiveAsync(socket, TestContext.Current.CancellationToken);
        Assert.Equal("status", status.GetProperty("type").GetString());
        var data = status.GetProperty("data");
        Assert.Equal(existing, Assert.Single(data.GetProperty("jobs").EnumerateArray()).GetProperty("id").GetString());
        Assert.True(data.TryGetProperty("version", out _));
        Assert.True(data.TryGetProperty("time", out _));
        Assert.True(data.TryGetProperty("settingsRevision", out _));

        var started = DateTime.UtcNow;
        var id = await server.StartDownloadAsync(new { repo = "emulator/slow-ws" });
        var updates = new List<JsonElement>();
        while (true)
        {
            var message = await SocketJson.ReceiveAsync(socket, TestContext.Current.CancellationToken);
            Assert.Equal("job_update", message.GetProperty("type").GetString());
            var job = message.GetProperty("data");
            Assert.Equal(id, job.GetProperty("id").GetString());
            updates.Add(job);
            if (job.GetProperty("status").GetString() == "completed")
            {
                break;
            }
        }

        var elapsed = DateTime.UtcNow - started;
        var statuses = updates.Select(u => u.GetProperty("status").GetString()).ToList();
        Assert.Equal("queued", statuses[0]);
        Assert.Contains("running", statuses);
        Assert.Equal(statuses.Count - 1, statuses.IndexOf("completed"));
        var bytes = updates.Select(u => u.GetProperty("progress").GetProperty("downloadedBytes").GetInt64()).ToList();
        Assert.Equal(bytes.Order(), bytes);
        Assert.Equal(updates[^1].GetProperty("progress").GetProperty("totalBytes").GetInt64(), bytes[^1]);
        Assert.True(bytes[^1] >= 1536 * 1024);
        // Progress is coalesced to at most one update per 250 ms (plus the status changes and one flush).
        var progressUpdates = updates.Count(u => u.GetProperty("status").GetString() == "running") - 1;
        Assert.InRange(progressUpdates, 1, (int)(elapsed.TotalMilliseconds / 250) + 2);

        var cacheChanged = await SocketJson.ReceiveAsync(socket, TestContext.Current.CancellationToken);
        Assert.Equal("event", cacheChanged.GetProperty("type").GetString());
        Assert.Equal("cache_changed", cacheChanged.GetProperty("data").GetProperty("kind").GetString());
        Assert.Equal("emulator/slow-ws", cacheChanged.GetProperty("data").GetProperty("repo").GetString());

        using (var dismiss = await server.PostAsync($"/api/jobs/{id}/dismiss"))
        {
            Assert.True(dismiss.IsSuccessStatusCode);
        }

        var dismissed = await SocketJson.ReceiveAsync(socket, TestContext.Current.CancellationToken);
        Assert.Equal("event", dismissed.GetProperty("type").GetString());
        Assert.Equal("job_dismissed", dismissed.GetProperty("data").GetProperty("kind").GetString());
        Assert.Equal(id, dismissed.GetProperty("data").GetProperty("jobId").GetString());
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", TestContext.Current.CancellationToken);
    }

    [Fact(Timeout = 120_000)]
    public async Task Ws_ClientFallsBehind_IsDisconnectedWhilePublishingNeverBlocks()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await JobsTestServer.StartAsync(emulator);
        using var socket = await ConnectAsync(server);
        Assert.Equal("status", (await SocketJson.ReceiveAsync(socket, TestContext.Current.CancellationToken)).GetProperty("type").GetString());
        var events = server.Server.App.Services.GetRequiredService<JobScheduler>().Events;

        // Far more events than the client's queue holds, published faster than any socket drains them.
        for (var i = 0; i < 200_000; i++)
        {
            events.Publish(new JobNotice(JobNotice.Warning, $"warning {i}"));
        }

        var buffer = new byte[64 * 1024];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var received = 0;
        try
        {
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                received += result.EndOfMessage ? 1 : 0;
            }
            while (result.MessageType != WebSocketMessageType.Close);

            Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.CloseStatus);
        }
        catch (WebSocketException)
        {
            // Also a drop: the server gave up waiting for a client that never read its close frame.
        }

        Assert.True(received < 200_000, "the slow client must be dropped, not fed every event");
    }

    [Fact(Timeout = 60_000)]
    public async Task Ws_ForeignOrigin_RefusedBeforeUpgrade()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await JobsTestServer.StartAsync(emulator);
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", "http://evil.example");
        socket.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(WsUri(server), TestContext.Current.CancellationToken));

        Assert.Equal(403, (int)socket.HttpStatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task Ws_PlainGet_400Envelope()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await JobsTestServer.StartAsync(emulator);

        using var response = await server.Client.GetAsync(new Uri("/api/ws", UriKind.Relative), TestContext.Current.CancellationToken);

        await RunningServer.AssertEnvelopeAsync(response, 400, "bad_request");
    }

    private static Uri WsUri(JobsTestServer server) =>
        new UriBuilder(server.Server.BaseAddress) { Scheme = "ws", Path = "/api/ws" }.Uri;

    private static async Task<ClientWebSocket> ConnectAsync(JobsTestServer server)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(WsUri(server), TestContext.Current.CancellationToken);
        return socket;
    }
}
