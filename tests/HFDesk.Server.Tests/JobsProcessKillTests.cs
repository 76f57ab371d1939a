using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HFDesk.Core.Downloads;
using HFDesk.HubEmulator;
using Microsoft.Data.Sqlite;

namespace HFDesk.Server.Tests;

public sealed class JobsProcessKillTests
{
    [Fact(Timeout = 300_000)]
    public async Task ServerKilledMidDownload_RestartedOnSameDataDir_ShowsBytesOnDiskThenResumesFromPartialAndCompletesWithCorrectBytes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        var fixture = emulator.Repos.Add(StandardFixtures.LargeFile("emulator/killed-mid-download", 4 * 1024 * 1024));
        var file = fixture.File("large.bin");
        var cap = emulator.Faults.BandwidthCap(256 * 1024, FaultScope.Cdn);
        var root = Directory.CreateTempSubdirectory("hfdesk-kill-").FullName;
        var dataDir = Path.Combine(root, "data");
        var cacheDir = Path.Combine(root, "hf");
        try
        {
            string id;
            using (var first = await JobsServerProcess.StartAsync(dataDir, cacheDir, emulator.Endpoint))
            {
                using var response = await first.Client.PostAsync(
                    new Uri("/api/download", UriKind.Relative),
                    new StringContent("{\"repo\":\"emulator/killed-mid-download\"}", Encoding.UTF8, "application/json"),
                    ct);
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                id = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;

                // Past the engine's journal interval, so the partial's progress is durable when the process dies.
                await WaitForAsync(first.Client, id, j => j.GetProperty("progress").GetProperty("downloadedBytes").GetInt64() >= 1024 * 1024);
                first.Kill();
            }

            var partials = Directory.EnumerateFiles(cacheDir, "*.incomplete", SearchOption.AllDirectories).ToList();
            Assert.NotEmpty(partials);
            var blob = Path.Combine(cacheDir, "hub", "models--emulator--killed-mid-download", "blobs", file.BlobName);
            var journal = TransferJournal.TryLoad(blob + ".hfdesk.journal");
            Assert.NotNull(journal);
            var journaled = journal.Completed.Sum(r => r.Length);
            emulator.Faults.Remove(cap);
            emulator.Requests.Clear();
            // Hold the restarted job in planning (its first Hub request), so what it shows comes from the store
            // and the disk, not from a transfer already under way again.
            var planning = emulator.Faults.Stall(TimeSpan.FromSeconds(15), times: 1, StallMode.BeforeHeaders, FaultScope.Hub);

            using var second = await JobsServerProcess.StartAsync(dataDir, cacheDir, emulator.Endpoint);
            var restarted = await second.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/jobs/{id}", UriKind.Relative), ct);
            Assert.Contains(restarted.GetProperty("status").GetString(), new[] { "queued", "running" });
            var files = restarted.GetProperty("files").EnumerateArray().ToList();
            var large = Assert.Single(files, f => f.GetProperty("path").GetString() == "large.bin");
            Assert.InRange(large.GetProperty("downloaded").GetInt64(), 1, journaled);
            Assert.Equal(file.Size, large.GetProperty("totalBytes").GetInt64());
            // The job's total: the large file's journaled bytes plus at most the small files, which may be complete.
            var smallFiles = files.Where(f => f.GetProperty("path").GetString() != "large.bin").Sum(f => f.GetProperty("totalBytes").GetInt64());
            Assert.InRange(restarted.GetProperty("progress").GetProperty("downloadedBytes").GetInt64(), 1, journaled + smallFiles);
            var done = await WaitForAsync(second.Client, id, j => j.GetProperty("status").GetString() is "completed" or "failed");

            Assert.Equal("completed", done.GetProperty("status").GetString());
            var jobs = await second.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/jobs", UriKind.Relative), ct);
            Assert.Equal(1, jobs.GetProperty("count").GetInt32());
            Assert.Equal(1, planning.Hits);
            Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(blob, ct))));
            // Resumed, not restarted: after the restart the CDN served less than the whole file.
            Assert.True(emulator.Requests.BytesSent("large.bin", RequestOrigin.Cdn) < file.Size);
            var history = await second.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/history", UriKind.Relative), ct);
            Assert.Equal(id, Assert.Single(history.GetProperty("entries").EnumerateArray()).GetProperty("jobId").GetString());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient client, string id, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        JsonElement job = default;
        while (DateTime.UtcNow < deadline)
        {
            job = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/jobs/{id}", UriKind.Relative), TestContext.Current.CancellationToken);
            if (condition(job))
            {
                return job;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"Job {id} did not reach the expected state; last seen: {job}");
    }
}
