using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HFDesk.Core.Settings;
using HFDesk.HubEmulator;

namespace HFDesk.AdversarialTests.HostileHub;

/// <summary>
/// A Hub whose transfers lie: redirect loops, redirects to another host, a <c>Content-Length</c> or
/// <c>Content-Range</c> that is not what is sent, more bytes than asked, bytes that are not their hash. Through a
/// real server and a real download job, each ends cleanly: the file completes with its true bytes, or the job
/// fails naming the file and nothing is published under its blob name. The token (set, for a private repo) never
/// reaches another host, and no case takes longer than its bounded retries.
/// </summary>
public sealed class HostileTransferTests
{
    private const string RepoId = "hostile/transfer";
    private const string Regular = "config.json";
    private const string Lfs = "model.safetensors";

    // Four 1 MiB Range parts and a short one: parts are fetched at once, so a byte written past a part lands on a neighbour.
    private const long LfsSize = (4 * 1024 * 1024) + 4099;

    // Fast but real: parts of 1 MiB on 4 connections, one retry, a 2 s stall timeout.
    private static readonly SettingsUpdate Engine = new()
    {
        Token = HubEmulatorTokens.Valid,
        Connections = 4,
        MultipartThreshold = "1MiB",
        Retries = 2,
        StallTimeout = "2s",
    };

    // Every case into the HF cache layout (blobs named by their hash); the hash cases also into a flat localDir.
    public static TheoryData<string, bool> Cases()
    {
        var cases = new TheoryData<string, bool>();
        foreach (var name in (string[])[
            "redirect-loop-relative", "redirect-loop-absolute", "cross-host-api-and-files", "cross-host-files",
            "content-length-longer", "content-length-shorter", "content-range-wrong-start", "content-range-wrong-total",
            "more-bytes-than-asked", "lfs-bytes-not-their-sha256", "regular-bytes-not-their-git-sha1"])
        {
            cases.Add(name, false);
            if (name.Contains("not-their", StringComparison.Ordinal))
            {
                cases.Add(name, true);
            }
        }

        return cases;
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Cases))]
    public async Task Download_HostileTransfer_CompletesTrueOrFailsNamingTheFileAndTheTokenStaysHome(string name, bool flat)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubEmulatorHost.StartAsync(new HubEmulatorOptions { IncludeStandardFixtures = false }, ct);
        // "Another host": a second emulator on its own port, holding a public copy (same bytes) of the private repo.
        await using var elsewhere = await HubEmulatorHost.StartAsync(new HubEmulatorOptions { IncludeStandardFixtures = false }, ct);
        var repo = hub.Repos.Add(Repo().Private());
        elsewhere.Repos.Add(Repo());
        var failing = Arrange(name, hub, elsewhere.Endpoint);

        // An empty localDir is the HF cache layout: <cache>/hub/models--owner--name/blobs/<hash> + snapshots/<commit>/<path>.
        await using var server = await AdversarialServer.StartAsync(hub.Endpoint, flat ? Engine : Engine with { LocalDir = "" }, ct);
        var before = server.Tree.Snapshot();
        var job = await DownloadAsync(server, ct);

        var files = job.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!, f => f, StringComparer.Ordinal);
        foreach (var path in new[] { Regular, Lfs })
        {
            var file = repo.File(path);
            // Flat: <local>/<owner>/<name>/<path>. Cache: the blob named by its hash (the snapshot entry links to it).
            var blobs = FilesNamed(server, file.BlobName);
            var published = flat ? server.Tree.Combine(["local", .. RepoId.Split('/'), path]) : blobs.FirstOrDefault() ?? "(no blob)";
            var entries = SnapshotEntries(server, path);
            if (failing.TryGetValue(path, out var reason))
            {
                Assert.Equal("failed", job.GetProperty("status").GetString());
                Assert.Equal("failed", files[path].GetProperty("status").GetString());
                var error = files[path].GetProperty("error").GetString() ?? "";
                Assert.False(string.IsNullOrWhiteSpace(error), $"{name}: {path} failed without saying why");
                Assert.Contains(reason, error, StringComparison.Ordinal);
                // The job's own error quotes the first failed file.
                var jobError = job.GetProperty("error").GetString() ?? "";
                Assert.True(failing.Keys.Any(f => jobError.Contains(f + ":", StringComparison.Ordinal)), $"{name}: the job's error names no failed file: {jobError}");
                Assert.False(File.Exists(published), $"{name}: {path} was published although it failed");
                Assert.Empty(blobs);
                Assert.Empty(entries);
            }
            else
            {
                Assert.True(files[path].GetProperty("status").GetString() == "complete", $"{name}: {path} ended {files[path]}");
                Assert.True(File.Exists(published), $"{name}: {path} completed but is not at {published}");
                Assert.True(file.ReadAllBytes().AsSpan().SequenceEqual(File.ReadAllBytes(published)), $"{name}: {path} was stored with other bytes");
                if (!flat)
                {
                    Assert.True(file.ReadAllBytes().AsSpan().SequenceEqual(File.ReadAllBytes(Assert.Single(entries))), $"{name}: {path}'s snapshot entry holds other bytes");
                }
            }
        }

        if (failing.Count == 0)
        {
            Assert.Equal("completed", job.GetProperty("status").GetString());
        }

        // The token went with the requests to the configured Hub (so the next check can fail) and nowhere else.
        var log = hub.Requests.Snapshot();
        Assert.Contains(log, r => r.Origin == RequestOrigin.Hub && r.HasAuthorization);
        Assert.All(log.Where(r => r.Origin == RequestOrigin.Cdn), r => Assert.False(r.HasAuthorization, $"{name}: the token reached the CDN: {r.Path}"));
        Assert.All(elsewhere.Requests.Snapshot(), r => Assert.False(r.HasAuthorization, $"{name}: the token followed a redirect to another host: {r.Path}"));
        if (name.StartsWith("cross-host", StringComparison.Ordinal))
        {
            Assert.Contains(elsewhere.Requests.Snapshot(), r => r.Path.Contains("/resolve/", StringComparison.Ordinal));
        }

        Assert.Equal(before, server.Tree.Snapshot());
        AttackTally.Refused();
    }

    [Fact(Timeout = 60_000)]
    public async Task PlanAndDownload_TreePagesThatLoop_502NamingTheLoopAfterAFewRequestsAndNoJob()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubEmulatorHost.StartAsync(new HubEmulatorOptions { IncludeStandardFixtures = false, TreePageSize = 1 }, ct);
        hub.Repos.Add(Repo());
        var loop = hub.Faults.LoopingPagination();
        await using var server = await AdversarialServer.StartAsync(hub.Endpoint, Engine, ct);
        var body = JsonSerializer.Serialize(new Dictionary<string, object> { ["repo"] = RepoId });

        using var plan = await server.Client.PostAsync(new Uri("/api/plan", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), ct);
        var text = await plan.Content.ReadAsStringAsync(ct);
        Assert.True(plan.StatusCode == HttpStatusCode.BadGateway, $"plan answered {(int)plan.StatusCode}: {text}");
        using var envelope = JsonDocument.Parse(text);
        var detail = envelope.RootElement.GetProperty("error_detail");
        Assert.Equal("upstream_error", detail.GetProperty("code").GetString());
        Assert.Contains("loop", detail.GetProperty("message").GetString() + " " + (detail.TryGetProperty("details", out var d) ? d.GetString() : ""), StringComparison.Ordinal);
        var planRequests = TreeRequests(hub);
        AttackTally.Refused();

        // A download reads the same listing before a job exists: refused the same way, and no job is made.
        using var download = await server.Client.PostAsync(new Uri("/api/download", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), ct);
        var answer = await download.Content.ReadAsStringAsync(ct);
        Assert.True(download.StatusCode == HttpStatusCode.BadGateway, $"download answered {(int)download.StatusCode}: {answer}");
        Assert.Contains("loop", answer, StringComparison.Ordinal);
        var jobs = await server.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/jobs", UriKind.Relative), ct);
        Assert.Equal(0, jobs.GetProperty("count").GetInt32());
        AttackTally.Refused();

        // Detected on the page that came back, not after MaxTreePages (1,000) requests.
        Assert.InRange(planRequests, 1, 4);
        Assert.True(loop.Hits > 0);
    }

    [Fact(Timeout = 60_000)]
    public async Task AnalyzeAndPlan_HubApiRedirectsToItself_502AfterBoundedHopsWithTheTokenOnlyAtHome()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubEmulatorHost.StartAsync(new HubEmulatorOptions { IncludeStandardFixtures = false }, ct);
        hub.Repos.Add(Repo());
        hub.Faults.RedirectLoop(scope: FaultScope.Path("/api/models/", RequestOrigin.Hub));
        await using var server = await AdversarialServer.StartAsync(hub.Endpoint, Engine, ct);
        var body = JsonSerializer.Serialize(new Dictionary<string, object> { ["repo"] = RepoId });

        using var analyze = await server.Client.GetAsync(new Uri($"/api/analyze/{RepoId}", UriKind.Relative), ct);
        using var plan = await server.Client.PostAsync(new Uri("/api/plan", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), ct);
        foreach (var (route, response) in new[] { ("analyze", analyze), ("plan", plan) })
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadGateway, $"{route} answered {(int)response.StatusCode}: {text}");
            Assert.Contains("redirected more than", text, StringComparison.Ordinal);
            AttackTally.Refused();
        }

        // Each call gives up after its bounded hops (10), even with the client's retries.
        var hops = hub.Requests.Snapshot().Count(r => r.Path.Contains("/api/models/", StringComparison.Ordinal));
        Assert.InRange(hops, 2, 2 * 11 * 4);
    }

    [Fact(Timeout = 60_000)]
    public async Task Plan_TreePageLinksToAnotherHost_TheTokenDoesNotFollow()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new HubEmulatorOptions { IncludeStandardFixtures = false, TreePageSize = 1 };
        await using var hub = await HubEmulatorHost.StartAsync(options, ct);
        await using var elsewhere = await HubEmulatorHost.StartAsync(options, ct);
        hub.Repos.Add(Repo().Private());
        elsewhere.Repos.Add(Repo());
        hub.Faults.PaginationElsewhere(elsewhere.Endpoint, times: 1);
        await using var server = await AdversarialServer.StartAsync(hub.Endpoint, Engine, ct);
        var body = JsonSerializer.Serialize(new Dictionary<string, object> { ["repo"] = RepoId });

        using var plan = await server.Client.PostAsync(new Uri("/api/plan", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), ct);
        var text = await plan.Content.ReadAsStringAsync(ct);
        Assert.True((int)plan.StatusCode is < 500 or 502, $"plan answered {(int)plan.StatusCode}: {text}");

        Assert.Contains(hub.Requests.Snapshot(), r => r.Path.Contains("/tree/", StringComparison.Ordinal) && r.HasAuthorization);
        var followed = elsewhere.Requests.Snapshot();
        Assert.Contains(followed, r => r.Path.Contains("/tree/", StringComparison.Ordinal));
        Assert.All(followed, r => Assert.False(r.HasAuthorization, $"the token followed a Link to another host: {r.Path}"));
        AttackTally.Refused();
    }

    private static int TreeRequests(HubEmulatorHost hub) => hub.Requests.Snapshot().Count(r => r.Path.Contains("/tree/", StringComparison.Ordinal));

    private static RepoFixture Repo() =>
        RepoFixture.Model(RepoId)
            .WithFile(Regular, "{\"model_type\":\"llama\",\"pad\":\"" + new string('p', 3000) + "\"}")
            .WithFile(Lfs, LfsSize, lfs: true)
            .WithTags("transformers");

    /// <summary>
    /// Injects the case's fault; returns the files the job must fail, each with what its error must say (none: the job
    /// must complete with true bytes).
    /// </summary>
    private static Dictionary<string, string> Arrange(string name, HubEmulatorHost hub, Uri elsewhere)
    {
        var resolve = FaultScope.Path("/resolve/", RequestOrigin.Hub);
        switch (name)
        {
            case "redirect-loop-relative":
                hub.Faults.RedirectLoop(scope: resolve);
                return new() { [Regular] = "redirected more than", [Lfs] = "redirected more than" };
            case "redirect-loop-absolute":
                // The LFS file's HEAD follows relative redirects only, so it sees the 302 itself, without the Hub's headers.
                hub.Faults.RedirectLoop(absolute: true, scope: resolve);
                return new() { [Regular] = "redirected more than", [Lfs] = "without X-Repo-Commit" };
            // The regular file's GET follows the redirect, without the token. The LFS file's HEAD (which, as
            // huggingface_hub's, follows relative redirects only) gets a 302 without the Hub's headers: refused, clearly.
            case "cross-host-api-and-files":
                hub.Faults.RedirectElsewhere(elsewhere, scope: FaultScope.Hub);
                return new() { [Lfs] = "without X-Repo-Commit" };
            case "cross-host-files":
                hub.Faults.RedirectElsewhere(elsewhere, scope: resolve);
                return new() { [Lfs] = "without X-Repo-Commit" };
            case "content-length-longer":
                hub.Faults.LyingContentLength(+4096);
                return [];
            case "content-length-shorter":
                hub.Faults.LyingContentLength(-65536, times: 1, scope: FaultScope.Cdn);
                return [];
            case "content-range-wrong-start":
                hub.Faults.LyingContentRange(startShift: 1);
                return [];
            case "content-range-wrong-total":
                hub.Faults.LyingContentRange(totalShift: 1);
                return new() { [Regular] = "changed upstream", [Lfs] = "changed upstream" };
            case "more-bytes-than-asked":
                hub.Faults.OverdeliverRange(256 * 1024);
                return [];
            case "lfs-bytes-not-their-sha256":
                hub.Faults.CorruptBytes(Lfs, RequestOrigin.Cdn);
                return new() { [Lfs] = "SHA-256 mismatch" };
            case "regular-bytes-not-their-git-sha1":
                hub.Faults.CorruptBytes(Regular, RequestOrigin.Hub);
                return new() { [Regular] = "does not match its etag" };
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, null);
        }
    }

    private static async Task<JsonElement> DownloadAsync(AdversarialServer server, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object> { ["repo"] = RepoId });
        using var response = await server.Client.PostAsync(new Uri("/api/download", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"download answered {(int)response.StatusCode}: {text}");
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetString();

        // Bounded: 2 retries with backoff and 2 s stall timeouts end every case well inside this.
        for (var i = 0; i < 900; i++)
        {
            var job = await server.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/jobs/{id}", UriKind.Relative), cancellationToken);
            if (job.GetProperty("status").GetString() is "completed" or "failed" or "cancelled")
            {
                return job;
            }

            await Task.Delay(50, cancellationToken);
        }

        Assert.Fail("the download job never ended");
        return default;
    }

    /// <summary>Snapshot entries of <paramref name="path"/> in the HF cache layout (symlinks to blobs, or copies).</summary>
    private static List<string> SnapshotEntries(AdversarialServer server, string path) =>
        [.. FilesNamed(server, Path.GetFileName(path)).Where(f => f.Contains($"{Path.DirectorySeparatorChar}snapshots{Path.DirectorySeparatorChar}", StringComparison.Ordinal))];

    private static List<string> FilesNamed(AdversarialServer server, string fileName) =>
        [.. TempTree.Roots.SelectMany(root => Directory.EnumerateFiles(server.Tree.Combine(root), fileName, SearchOption.AllDirectories))];
}
