using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using HFDesk.HubEmulator;

namespace HFDesk.Core.Tests.Emulator;

public sealed class HubEmulatorFaultTests
{
    private const string LfsFile = "mmproj-F16.gguf";

    [Fact(Timeout = 60_000)]
    public async Task CutAfter_FirstRequest_DropsConnectionAfterNBytesThenServesFully()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        var (url, file) = await CdnUrlAsync(host);
        var rule = host.Faults.CutAfter(1000, times: 1, FaultScope.Cdn);
        using var client = new HttpClient();

        using var first = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        await using var stream = await first.Content.ReadAsStreamAsync(ct);
        var received = 0;
        var buffer = new byte[8192];
        await Assert.ThrowsAnyAsync<IOException>(async () =>
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, ct)) > 0)
            {
                received += read;
            }
        });
        var second = await client.GetByteArrayAsync(url, ct);

        Assert.Equal(1000, received);
        Assert.Equal(file.Size, second.Length);
        Assert.Equal(1, rule.Hits);
        var cdn = host.Requests.Snapshot().Where(r => r.Origin == RequestOrigin.Cdn && r.Method == "GET").ToList();
        Assert.Equal(1000, cdn[0].BytesSent);
        Assert.Equal(file.Size, cdn[1].BytesSent);
    }

    [Fact(Timeout = 60_000)]
    public async Task RateLimit_FirstTwoRequests_Get429WithRetryAfterAndRateLimitHeaders()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        host.Faults.RateLimit(times: 2, retryAfterSeconds: 7, FaultScope.Path("/api/models/"));
        using var client = EmulatorClient.Create(host);
        var url = $"api/models/{StandardFixtures.TransformersRepo}";

        using var first = await client.GetAsync(url, ct);
        using var second = await client.GetAsync(url, ct);
        using var third = await client.GetAsync(url, ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), first.Headers.RetryAfter!.Delta);
        Assert.Equal("\"api\";r=0;t=7", EmulatorClient.Header(first, "RateLimit"));
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task ServerError_FirstRequest_GetsConfiguredStatusThenSucceeds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        host.Faults.ServerError(times: 1, statusCode: 502, FaultScope.Hub);
        using var client = EmulatorClient.Create(host);

        using var first = await client.GetAsync($"{StandardFixtures.TransformersRepo}/resolve/main/config.json", ct);
        using var second = await client.GetAsync($"{StandardFixtures.TransformersRepo}/resolve/main/config.json", ct);

        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task StallAfterHeaders_SendsHeadersThenWithholdsBody()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        var (url, file) = await CdnUrlAsync(host);
        host.Faults.Stall(TimeSpan.FromSeconds(1), times: 1, StallMode.AfterHeaders, FaultScope.Cdn);
        using var client = new HttpClient();

        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync(ct);

        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(900));
        Assert.Equal(file.Size, body.Length);
    }

    [Fact(Timeout = 60_000)]
    public async Task StallBeforeHeaders_ClientTimesOutThenNextRequestIsServed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        var rule = host.Faults.Stall(TimeSpan.FromSeconds(30), times: 1, StallMode.BeforeHeaders, FaultScope.Hub);
        using var impatient = EmulatorClient.Create(host);
        impatient.Timeout = TimeSpan.FromMilliseconds(500);
        using var client = EmulatorClient.Create(host);
        var url = $"api/models/{StandardFixtures.TransformersRepo}";

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.GetAsync(url, ct));
        using var second = await client.GetAsync(url, ct);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, rule.Hits);
    }

    [Fact(Timeout = 60_000)]
    public async Task BandwidthCap_LimitsThroughput()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        var (url, file) = await CdnUrlAsync(host);
        host.Faults.BandwidthCap(64 * 1024, FaultScope.Cdn);
        using var client = new HttpClient();

        var started = Stopwatch.GetTimestamp();
        var body = await client.GetByteArrayAsync(url, ct);

        // 48 KiB at 64 KiB/s: at least ~0.75 s (a loaded machine only makes it slower).
        Assert.Equal(file.Size, body.Length);
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(650));
    }

    [Fact(Timeout = 60_000)]
    public async Task IgnoreRange_RangedRequest_Gets200AndWholeFile()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        var (url, file) = await CdnUrlAsync(host);
        host.Faults.IgnoreRange(scope: FaultScope.Cdn);
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(100, 199);

        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(file.Size, (await response.Content.ReadAsByteArrayAsync(ct)).Length);
    }

    [Fact(Timeout = 60_000)]
    public async Task RelativeRedirects_RegularFile_307ToResolveCacheWhichServesItWithHeaders()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        host.Faults.RelativeRedirects();
        var repo = host.Repos.Get(StandardFixtures.TransformersRepo);
        var file = repo.File("config.json");
        using var client = EmulatorClient.Create(host);

        using var redirect = await client.GetAsync(host.ResolveUrl(repo, file.Path), ct);
        var location = redirect.Headers.Location!;
        using var final = await client.GetAsync(location, ct);
        using var lfs = await client.GetAsync(host.ResolveUrl(repo, "pytorch_model.bin"), ct);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
        Assert.False(location.IsAbsoluteUri);
        Assert.StartsWith($"/api/resolve-cache/models/{repo.Id}/{repo.Commit}/config.json", location.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, final.StatusCode);
        Assert.Equal(file.ReadAllBytes(), await final.Content.ReadAsByteArrayAsync(ct));
        Assert.Equal($"\"{file.GitOid}\"", final.Headers.ETag!.Tag);
        Assert.Equal(repo.Commit, EmulatorClient.Header(final, "X-Repo-Commit"));
        Assert.Equal(HttpStatusCode.Found, lfs.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task RefuseExtraConnections_SecondRangedRequestWhileFirstOpen_Gets403()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        var (url, _) = await CdnUrlAsync(host);
        host.Faults.RefuseExtraConnections(scope: FaultScope.Cdn);
        host.Faults.BandwidthCap(4 * 1024, FaultScope.Cdn);
        using var client = new HttpClient();

        var first = await client.SendAsync(Ranged(url, 0, 40_000), HttpCompletionOption.ResponseHeadersRead, ct);
        using var second = await client.SendAsync(Ranged(url, 40_001, 40_100), ct);
        Assert.Equal(HttpStatusCode.PartialContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);

        first.Dispose();
        var deadline = Stopwatch.GetTimestamp();
        HttpStatusCode third;
        do
        {
            using var response = await client.SendAsync(Ranged(url, 0, 99), ct);
            third = response.StatusCode;
        }
        while (third != HttpStatusCode.PartialContent && Stopwatch.GetElapsedTime(deadline) < TimeSpan.FromSeconds(20));

        Assert.Equal(HttpStatusCode.PartialContent, third);
    }

    [Fact(Timeout = 60_000)]
    public async Task CorruptBytes_MatchingPath_ServesSameLengthWrongContent()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        var (url, file) = await CdnUrlAsync(host);
        host.Faults.CorruptBytes(LfsFile);
        using var client = new HttpClient();

        var body = await client.GetByteArrayAsync(url, ct);
        var expected = file.ReadAllBytes();

        Assert.Equal(expected.Length, body.Length);
        Assert.NotEqual(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(body)));
        Assert.NotEqual(expected[1024], body[1024]);
        Assert.Equal(expected[1025], body[1025]);
    }

    [Fact(Timeout = 60_000)]
    public async Task Scope_CdnFault_DoesNotTouchHubAndResetClearsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        host.Faults.ServerError(times: 10, statusCode: 500, FaultScope.Cdn);
        var (url, _) = await CdnUrlAsync(host);
        using var client = new HttpClient();

        using var faulted = await client.GetAsync(url, ct);
        host.Faults.Reset();
        using var clean = await client.GetAsync(url, ct);

        Assert.Equal(HttpStatusCode.InternalServerError, faulted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, clean.StatusCode);
    }

    private static HttpRequestMessage Ranged(Uri url, long from, long to)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(from, to);
        return request;
    }

    private static async Task<(Uri Url, FixtureFile File)> CdnUrlAsync(HubEmulatorHost host)
    {
        var repo = host.Repos.Get(StandardFixtures.GgufRepo);
        var file = repo.File(LfsFile);
        using var client = EmulatorClient.Create(host);
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, host.ResolveUrl(repo, file.Path)), TestContext.Current.CancellationToken);
        return (response.Headers.Location!, file);
    }
}
