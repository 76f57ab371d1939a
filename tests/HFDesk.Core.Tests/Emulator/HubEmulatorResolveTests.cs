using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using HFDesk.HubEmulator;

namespace HFDesk.Core.Tests.Emulator;

public sealed class HubEmulatorResolveTests
{
    [Fact(Timeout = 60_000)]
    public async Task Resolve_RegularFile_ServesBytesWithQuotedGitEtagAndCommit()
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(host);
        var repo = host.Repos.Get(StandardFixtures.TransformersRepo);
        var file = repo.File("config.json");

        using var response = await client.GetAsync(host.ResolveUrl(repo, file.Path), TestContext.Current.CancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(file.ReadAllBytes(), bytes);
        Assert.Equal($"\"{file.GitOid}\"", response.Headers.ETag!.Tag);
        Assert.Equal(repo.Commit, EmulatorClient.Header(response, "X-Repo-Commit"));
        Assert.Equal(GitBlobSha1(bytes), file.GitOid);
    }

    [Fact(Timeout = 60_000)]
    public async Task Resolve_HeadRegularFile_SendsSizeAndMetadataWithoutBody()
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(host);
        var repo = host.Repos.Get(StandardFixtures.TransformersRepo);
        var file = repo.File("tokenizer_config.json");

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, host.ResolveUrl(repo, file.Path)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(file.Size, response.Content.Headers.ContentLength);
        Assert.Equal($"\"{file.GitOid}\"", response.Headers.ETag!.Tag);
        Assert.Equal(repo.Commit, EmulatorClient.Header(response, "X-Repo-Commit"));
        Assert.Equal("bytes", EmulatorClient.Header(response, "Accept-Ranges"));
        Assert.Equal(0, host.Requests.Snapshot().Single().BytesSent);
    }

    [Fact(Timeout = 60_000)]
    public async Task Resolve_LfsFile_Redirects302ToCdnWithLinkedHeadersAndCdnServesContent()
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(host);
        var repo = host.Repos.Get(StandardFixtures.GgufRepo);
        var file = repo.File(StandardFixtures.GgufRecommendedFile);

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, host.ResolveUrl(repo, file.Path)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Found, head.StatusCode);
        Assert.Equal($"\"{file.Sha256}\"", EmulatorClient.Header(head, "X-Linked-Etag"));
        Assert.Equal(file.Size.ToString(System.Globalization.CultureInfo.InvariantCulture), EmulatorClient.Header(head, "X-Linked-Size"));
        Assert.Equal(repo.Commit, EmulatorClient.Header(head, "X-Repo-Commit"));
        var location = head.Headers.Location!;
        Assert.True(location.IsAbsoluteUri);
        Assert.Equal(host.CdnEndpoint.Port, location.Port);

        using var cdn = new HttpClient();
        var bytes = await cdn.GetByteArrayAsync(location, TestContext.Current.CancellationToken);
        Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal("GGUF"u8.ToArray(), bytes[..4]);
    }

    [Fact(Timeout = 60_000)]
    public async Task Resolve_EncodedPrRevision_ServesThatRevisionsContent()
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(host);
        var repo = host.Repos.Get(StandardFixtures.RefsRepo);

        using var response = await client.GetAsync($"{repo.Id}/resolve/refs%2Fpr%2F1/README.md", TestContext.Current.CancellationToken);

        Assert.Equal("# refs, pull request 1\n", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(repo.Resolve("refs/pr/1")!.Commit, EmulatorClient.Header(response, "X-Repo-Commit"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Resolve_CommitPrefix_Resolves()
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(host);
        var repo = host.Repos.Get(StandardFixtures.TransformersRepo);

        using var full = await client.GetAsync($"{repo.Id}/resolve/{repo.Commit}/config.json", TestContext.Current.CancellationToken);
        using var prefix = await client.GetAsync($"{repo.Id}/resolve/{repo.Commit[..7]}/config.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal(HttpStatusCode.OK, prefix.StatusCode);
        Assert.Equal(repo.Commit, EmulatorClient.Header(prefix, "X-Repo-Commit"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Resolve_MissingFile_Returns404EntryNotFoundWithCommit()
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(host);
        var repo = host.Repos.Get(StandardFixtures.TransformersRepo);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, host.ResolveUrl(repo, "missing.txt")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("EntryNotFound", EmulatorClient.Header(response, "X-Error-Code"));
        Assert.Equal(repo.Commit, EmulatorClient.Header(response, "X-Repo-Commit"));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(RequestOrigin.Hub, "bytes=10-19", 206, 10L, 19L)]
    [InlineData(RequestOrigin.Hub, "bytes=300-", 206, 300L, -1L)]
    [InlineData(RequestOrigin.Hub, "bytes=-25", 206, -25L, -1L)]
    [InlineData(RequestOrigin.Cdn, "bytes=0-0", 206, 0L, 0L)]
    [InlineData(RequestOrigin.Cdn, "bytes=1000-", 206, 1000L, -1L)]
    [InlineData(RequestOrigin.Cdn, "bytes=-100", 206, -100L, -1L)]
    public async Task Range_Satisfiable_Returns206WithContentRangeAndExactBytes(RequestOrigin origin, string range, int status, long first, long last)
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var (url, file) = await ByteUrlAsync(host, origin);
        var total = file.Size;
        var start = first < 0 ? total + first : first;
        var end = last < 0 ? total - 1 : last;
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Range", range);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(new ContentRangeHeaderValue(start, end, total).ToString(), response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(file.ReadAllBytes()[(int)start..(int)(end + 1)], bytes);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(RequestOrigin.Hub)]
    [InlineData(RequestOrigin.Cdn)]
    public async Task Range_BeyondEnd_Returns416WithTotal(RequestOrigin origin)
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var (url, file) = await ByteUrlAsync(host, origin);
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(file.Size, null);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{file.Size}", response.Content.Headers.ContentRange!.ToString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Raw_LfsFile_ServesPointerText()
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(host);
        var repo = host.Repos.Get(StandardFixtures.GgufRepo);
        var file = repo.File(StandardFixtures.GgufRecommendedFile);

        var text = await client.GetStringAsync($"{repo.Id}/raw/main/{file.Path}", TestContext.Current.CancellationToken);

        Assert.Equal($"version https://git-lfs.github.com/spec/v1\noid sha256:{file.Sha256}\nsize {file.Size}\n", text);
        Assert.Equal(file.PointerSize, text.Length);
    }

    [Fact(Timeout = 60_000)]
    public async Task RequestLog_RecordsOriginRangeAuthorizationAndBytes()
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(host, HubEmulatorTokens.Valid, followRedirects: true);
        var repo = host.Repos.Get(StandardFixtures.GgufRepo);
        var file = repo.File("mmproj-F16.gguf");

        using var request = new HttpRequestMessage(HttpMethod.Get, host.ResolveUrl(repo, file.Path));
        request.Headers.Range = new RangeHeaderValue(100, 199);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        var log = host.Requests.Snapshot();
        var hub = Assert.Single(log, r => r.Origin == RequestOrigin.Hub);
        var cdn = Assert.Single(log, r => r.Origin == RequestOrigin.Cdn);
        Assert.Equal(302, hub.Status);
        Assert.Equal($"Bearer {HubEmulatorTokens.Valid}", hub.Authorization);
        Assert.False(cdn.HasAuthorization);
        Assert.Equal("bytes=100-199", cdn.Range);
        Assert.Equal(206, cdn.Status);
        Assert.Equal(100, cdn.BytesSent);
        Assert.Equal(file.Path, cdn.FilePath);
    }

    internal static async Task<(Uri Url, FixtureFile File)> ByteUrlAsync(HubEmulatorHost host, RequestOrigin origin)
    {
        if (origin == RequestOrigin.Hub)
        {
            var repo = host.Repos.Get(StandardFixtures.ManyFilesRepo);
            var file = repo.Files.OrderByDescending(f => f.Size).First();
            return (host.ResolveUrl(repo, file.Path), file);
        }

        var gguf = host.Repos.Get(StandardFixtures.GgufRepo);
        var lfs = gguf.File("mmproj-F16.gguf");
        using var client = EmulatorClient.Create(host);
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, host.ResolveUrl(gguf, lfs.Path)), TestContext.Current.CancellationToken);
        return (response.Headers.Location!, lfs);
    }

    private static string GitBlobSha1(byte[] bytes)
    {
        var header = System.Text.Encoding.ASCII.GetBytes($"blob {bytes.Length}\0");
#pragma warning disable CA5350 // git blob ids are sha1 by definition
        return Convert.ToHexStringLower(SHA1.HashData([.. header, .. bytes]));
#pragma warning restore CA5350
    }
}
