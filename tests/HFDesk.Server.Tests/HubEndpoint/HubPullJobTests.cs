using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text.Json;
using HFDesk.Core.Settings;
using HFDesk.HubEmulator;

namespace HFDesk.Server.Tests.HubEndpoint;

/// <summary>
/// A pull-through fill is a job (issue 14: "a LAN pull is a job a user can see"): listed while it runs, kept in
/// history, cancellable with an error to its waiting clients, under a maxActive read live; and it fetches large files
/// with several connections while the clients stream the contiguous prefix.
/// </summary>
public sealed class HubPullJobTests
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task Fill_IsAHubJobWhileItRuns_AndAHistoryEntryAfter()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await PullThroughServer.StartAsync();
        var repo = server.Emulator.Repos.Add(StandardFixtures.LargeFile("emulator/pull-job", 4L << 20));
        var file = repo.File("large.bin");
        server.Emulator.Faults.BandwidthCap(2L << 20, FaultScope.Path("large.bin"));
        using var client = server.HubClient();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new UriBuilder(server.Server.BaseAddress) { Scheme = "ws", Path = "/api/ws" }.Uri, ct);

        var download = client.GetByteArrayAsync($"{repo.Id}/resolve/main/large.bin", ct);
        var running = await WaitForJobAsync(server, j => Text(j, "source") == "hub" && Text(j, "status") == "running", ct);
        Assert.Equal(repo.Id, Text(running, "repo"));
        Assert.Equal("127.0.0.1", Text(running, "lanClient"));
        Assert.Equal("large.bin", running.GetProperty("files")[0].GetProperty("path").GetString());
        Assert.Equal(file.Size, running.GetProperty("progress").GetProperty("totalBytes").GetInt64());
        Assert.Equal(Path.Combine(server.Root, "hf", "hub"), Text(running, "hubDir"));

        var bytes = await download;
        Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        var id = Text(running, "id");
        var done = await WaitForJobAsync(server, j => Text(j, "id") == id && Text(j, "status") == "completed", ct);
        Assert.Equal(file.Size, done.GetProperty("progress").GetProperty("downloadedBytes").GetInt64());

        // The socket told the same story: the LAN pull's updates, ending completed.
        var statuses = new List<string?>();
        for (var i = 0; i < 1_000 && statuses.LastOrDefault() != "completed"; i++)
        {
            var message = await SocketJson.ReceiveAsync(socket, ct, WaitLimit);
            if (Text(message, "type") == "job_update" && Text(message.GetProperty("data"), "id") == id)
            {
                Assert.Equal("hub", Text(message.GetProperty("data"), "source"));
                statuses.Add(Text(message.GetProperty("data"), "status"));
            }
        }

        Assert.Contains("running", statuses);
        Assert.Equal("completed", statuses[^1]);

        var history = await server.Server.Client.GetFromJsonAsync<JsonElement>("/api/history", ct);
        var entry = history.GetProperty("entries").EnumerateArray().Single(e => Text(e, "jobId") == id);
        Assert.Equal("hub", Text(entry, "source"));
        Assert.Equal("127.0.0.1", Text(entry, "lanClient"));
        Assert.Equal("completed", Text(entry, "status"));
    }

    [Fact(Timeout = 120_000)]
    public async Task CancellingAFill_EveryWaitingClientGetsAnError_AndThePartialIsDeleted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await PullThroughServer.StartAsync();
        var repo = server.Emulator.Repos.Add(StandardFixtures.LargeFile("emulator/pull-cancel", 16L << 20));
        // About 16 s in all: the cancel lands long before the end.
        server.Emulator.Faults.BandwidthCap(1L << 20, FaultScope.Path("large.bin"));
        using var client = server.HubClient();

        var downloads = Enumerable.Range(0, 2).Select(_ => OutcomeAsync(client, $"{repo.Id}/resolve/main/large.bin", ct)).ToArray();
        var running = await WaitForJobAsync(
            server, j => Text(j, "source") == "hub" && j.GetProperty("progress").GetProperty("downloadedBytes").GetInt64() > 0, ct);
        var id = Text(running, "id");

        // A paused fill would leave its clients hanging: refused, with the reason.
        using (var pause = await server.Server.Client.PostAsync($"/api/jobs/{id}/pause", null, ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, pause.StatusCode);
        }

        using (var cancel = await server.Server.Client.DeleteAsync($"/api/jobs/{id}", ct))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
            Assert.Equal("cancelled", Text(await cancel.Content.ReadFromJsonAsync<JsonElement>(ct), "status"));
        }

        var outcomes = await Task.WhenAll(downloads);
        Assert.All(outcomes, outcome => Assert.NotNull(outcome));
        var blobs = Path.Combine(server.Root, "hf", "hub", "models--emulator--pull-cancel", "blobs");
        Assert.Empty(Directory.Exists(blobs) ? Directory.GetFiles(blobs) : []);
    }

    [Fact(Timeout = 120_000)]
    public async Task MaxActive_IsReadLive_AFillBeyondItWaitsForASlot()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await PullThroughServer.StartAsync(tuning: new SettingsUpdate { MaxActive = 1 });
        var slow = server.Emulator.Repos.Add(StandardFixtures.LargeFile("emulator/pull-slow", 16L << 20, "slow.bin"));
        var quick = server.Emulator.Repos.Add(StandardFixtures.LargeFile("emulator/pull-quick", 1L << 20, "quick.bin"));
        server.Emulator.Faults.BandwidthCap(1L << 20, FaultScope.Path("slow.bin"));
        using var client = server.HubClient();

        var slowDownload = OutcomeAsync(client, $"{slow.Id}/resolve/main/slow.bin", ct);
        await WaitForJobAsync(server, j => Text(j, "repo") == slow.Id && j.GetProperty("progress").GetProperty("downloadedBytes").GetInt64() > 0, ct);
        var quickDownload = client.GetByteArrayAsync($"{quick.Id}/resolve/main/quick.bin", ct);
        var waiting = await WaitForJobAsync(
            server, j => Text(j, "repo") == quick.Id && (Text(j.GetProperty("progress"), "activity") ?? "").Contains("waiting for a free slot", StringComparison.Ordinal), ct);
        Assert.Equal("running", Text(waiting, "status"));

        using (var raise = await server.Server.Client.PostAsJsonAsync("/api/settings", new { maxActive = 2 }, ct))
        {
            Assert.Equal(HttpStatusCode.OK, raise.StatusCode);
        }

        var bytes = await quickDownload;
        Assert.Equal(quick.File("quick.bin").Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        var slowJob = await WaitForJobAsync(server, j => Text(j, "repo") == slow.Id, ct);
        Assert.Equal("running", Text(slowJob, "status"));

        using var cancel = await server.Server.Client.DeleteAsync($"/api/jobs/{Text(slowJob, "id")}", ct);
        Assert.NotNull(await slowDownload);
    }

    [Fact(Timeout = 120_000)]
    public async Task MultiConnectionFill_StreamsTheSameBytesToThreeClients_FetchingEachByteOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await PullThroughServer.StartAsync(tuning: new SettingsUpdate { Connections = 4, MultipartThreshold = "1MiB" });
        var repo = server.Emulator.Repos.Add(StandardFixtures.LargeFile("emulator/pull-parallel", 24L << 20));
        var file = repo.File("large.bin");
        // Per connection: four connections make it about 1.5 s, long enough for all three clients to join the fill.
        server.Emulator.Faults.BandwidthCap(4L << 20, FaultScope.Path("large.bin"));
        using var client = server.HubClient();

        var downloads = Enumerable.Range(0, 3).Select(_ => client.GetByteArrayAsync($"{repo.Id}/resolve/main/large.bin", ct)).ToArray();
        var results = await Task.WhenAll(downloads);

        Assert.All(results, bytes => Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes))));
        Assert.InRange(server.Emulator.Requests.BytesSent("large.bin"), file.Size, file.Size * 105 / 100);
        var ranged = server.Emulator.Requests.Snapshot().Count(r => r.FilePath == "large.bin" && r.Range is not null && r.Method == "GET");
        Assert.True(ranged >= 2, $"the fill used {ranged} Range request(s); several connections were expected");
    }

    [Fact(Timeout = 120_000)]
    public async Task AFillStartingOverInANewFile_AfterAnIgnoredRange_StillStreamsTheRightBytes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await PullThroughServer.StartAsync(tuning: new SettingsUpdate { Connections = 4, MultipartThreshold = "1MiB" });
        var repo = server.Emulator.Repos.Add(StandardFixtures.LargeFile("emulator/pull-restart", 24L << 20));
        var file = repo.File("large.bin");
        server.Emulator.Faults.BandwidthCap(4L << 20, FaultScope.Path("large.bin"));
        using var client = server.HubClient();

        var downloads = Enumerable.Range(0, 3).Select(_ => client.GetByteArrayAsync($"{repo.Id}/resolve/main/large.bin", ct)).ToArray();
        // Once the first parts are written and streamed, the next part's Range is ignored: the engine discards its
        // partial and starts over as one stream in a new file, which the clients must follow without a wrong byte.
        await WaitForJobAsync(server, j => Text(j, "repo") == repo.Id && j.GetProperty("progress").GetProperty("downloadedBytes").GetInt64() >= 1L << 20, ct);
        server.Emulator.Faults.IgnoreRange(times: 1, FaultScope.Path("large.bin"));
        var results = await Task.WhenAll(downloads);

        Assert.All(results, bytes => Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes))));
        Assert.Contains(server.Emulator.Requests.Snapshot(), r => r.FilePath == "large.bin" && r.Range is not null && r.Status == 200);
    }

    // Null when the whole file arrived as a complete answer; else what went wrong (which is what these tests expect).
    private static async Task<Exception?> OutcomeAsync(HttpClient client, string path, CancellationToken ct)
    {
        try
        {
            using var response = await client.GetAsync(path, ct);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync(ct);
            return null;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return ex;
        }
    }

    private static async Task<JsonElement> WaitForJobAsync(PullThroughServer server, Func<JsonElement, bool> match, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        for (var attempt = 0; attempt < 2_000 && DateTime.UtcNow < deadline; attempt++)
        {
            var list = await server.Server.Client.GetFromJsonAsync<JsonElement>("/api/jobs", ct);
            foreach (var job in list.GetProperty("jobs").EnumerateArray())
            {
                if (match(job))
                {
                    return job;
                }
            }

            await Task.Delay(25, ct);
        }

        throw new TimeoutException("No job matched within " + WaitLimit);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
