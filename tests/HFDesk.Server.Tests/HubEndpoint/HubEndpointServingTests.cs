using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using HFDesk.HubEmulator;

namespace HFDesk.Server.Tests.HubEndpoint;

/// <summary>What only HFDesk's /hub does: LAN tokens, conditional requests, flat downloads, counters, llama.cpp's sequence.</summary>
public sealed class HubEndpointServingTests(HubEndpointFixture fixture) : IClassFixture<HubEndpointFixture>
{
    [Fact(Timeout = 60_000)]
    public async Task Hub_NoToken_Returns401AndServesNothing()
    {
        using var client = fixture.HubClient(token: null);

        using var response = await client.GetAsync($"{StandardFixtures.TransformersRepo}/resolve/main/config.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(HubFidelityTests.Header(response, "X-Repo-Commit"));
        Assert.DoesNotContain("\"model_type\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Hub_UpstreamTokenInsteadOfLanToken_Returns401()
    {
        using var client = fixture.HubClient(token: HubEmulatorTokens.Valid);

        using var response = await client.GetAsync($"api/models/{StandardFixtures.TransformersRepo}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task Hub_BrowserOrigin_Refused403()
    {
        using var client = fixture.HubClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/models/{StandardFixtures.TransformersRepo}");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task Resolve_IfNoneMatchWithTheEtag_Returns304WithoutBody()
    {
        using var client = fixture.HubClient();
        var file = fixture.Emulator.Repos.Get(StandardFixtures.GgufRepo).File(StandardFixtures.GgufRecommendedFile);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{StandardFixtures.GgufRepo}/resolve/main/{file.Path}");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{file.Sha256}\""));

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal($"\"{file.Sha256}\"", response.Headers.ETag!.Tag);
    }

    [Fact(Timeout = 60_000)]
    public async Task Resolve_LfsFile_IsADirect200FromDiskNamedBySha256()
    {
        using var client = fixture.HubClient();
        var file = fixture.Emulator.Repos.Get(StandardFixtures.GgufRepo).File(StandardFixtures.GgufRecommendedFile);

        using var response = await client.GetAsync($"{StandardFixtures.GgufRepo}/resolve/main/{file.Path}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"\"{file.Sha256}\"", response.Headers.ETag!.Tag);
        Assert.Equal(file.Size, response.Content.Headers.ContentLength);
        Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken))));
    }

    [Fact(Timeout = 60_000)]
    public async Task Raw_LfsFile_ServesThePointerNamedByItsGitOid()
    {
        using var client = fixture.HubClient();
        var file = fixture.Emulator.Repos.Get(StandardFixtures.GgufRepo).File(StandardFixtures.GgufRecommendedFile);

        using var response = await client.GetAsync($"{StandardFixtures.GgufRepo}/raw/main/{file.Path}", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"\"{file.GitOid}\"", response.Headers.ETag!.Tag);
        Assert.Contains("oid sha256:" + file.Sha256, text, StringComparison.Ordinal);
        Assert.Equal(file.PointerSize, text.Length);
    }

    [Fact(Timeout = 60_000)]
    public async Task FlatLocalDirDownload_IsServedThroughItsManifest()
    {
        using var client = fixture.HubClient();
        var repo = fixture.Emulator.Repos.Get(HubEndpointFixture.FlatRepo);
        Assert.False(Directory.Exists(Path.Combine(fixture.HubDir, $"models--{repo.Owner}--{repo.Name}")), "the flat repo must not be in H");

        using var tree = JsonDocument.Parse(await client.GetStringAsync($"api/models/{repo.Id}/tree/main?recursive=true", TestContext.Current.CancellationToken));
        var listed = tree.RootElement.EnumerateArray().Where(e => e.GetProperty("type").GetString() == "file").ToDictionary(e => e.GetProperty("path").GetString()!);

        Assert.Equal(repo.Files.Count, listed.Count);
        foreach (var file in repo.Files)
        {
            Assert.Equal(file.GitOid, listed[file.Path].GetProperty("oid").GetString());
            var bytes = await client.GetByteArrayAsync($"{repo.Id}/resolve/main/{file.Path}", TestContext.Current.CancellationToken);
            Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task RepoWithoutOwner_InfoRefsTreeAndResolve_ServedFromTheCache()
    {
        using var client = fixture.HubClient();
        var repo = fixture.Emulator.Repos.Get(StandardFixtures.NoNamespaceRepo);
        var ct = TestContext.Current.CancellationToken;

        using var info = JsonDocument.Parse(await client.GetStringAsync($"api/models/{repo.Id}/revision/main", ct));
        Assert.Equal(repo.Id, info.RootElement.GetProperty("id").GetString());
        Assert.False(info.RootElement.TryGetProperty("author", out _), "no owner, no author (never an empty one)");
        using var refs = JsonDocument.Parse(await client.GetStringAsync($"api/models/{repo.Id}/refs", ct));
        Assert.Contains(refs.RootElement.GetProperty("branches").EnumerateArray(), b => b.GetProperty("name").GetString() == "main");
        using var tree = JsonDocument.Parse(await client.GetStringAsync($"api/models/{repo.Id}/tree/main?recursive=true", ct));
        Assert.Equal(repo.Files.Count, tree.RootElement.EnumerateArray().Count(e => e.GetProperty("type").GetString() == "file"));
        foreach (var file in repo.Files)
        {
            var bytes = await client.GetByteArrayAsync($"{repo.Id}/resolve/main/{file.Path}", ct);
            Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task LlamaCppSequence_RefsTreeHeadRangedGet_Works()
    {
        using var client = fixture.HubClient();
        var repo = fixture.Emulator.Repos.Get(StandardFixtures.GgufRepo);
        var file = repo.File(StandardFixtures.GgufRecommendedFile);

        // llama.cpp: refs → branches[].targetCommit → tree (one page, no pagination) → HEAD → ranged GET.
        using var refs = JsonDocument.Parse(await client.GetStringAsync($"api/models/{repo.Id}/refs", TestContext.Current.CancellationToken));
        var commit = refs.RootElement.GetProperty("branches").EnumerateArray().Single(b => b.GetProperty("name").GetString() == "main").GetProperty("targetCommit").GetString();
        using var treeResponse = await client.GetAsync($"api/models/{repo.Id}/tree/{commit}?recursive=true", TestContext.Current.CancellationToken);
        using var tree = JsonDocument.Parse(await treeResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Null(HubFidelityTests.Header(treeResponse, "Link"));
        Assert.Contains(tree.RootElement.EnumerateArray(), e => e.GetProperty("path").GetString() == file.Path);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{repo.Id}/resolve/{commit}/{file.Path}"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.NotNull(head.Headers.ETag);
        Assert.Equal("bytes", HubFidelityTests.Header(head, "Accept-Ranges"));
        using var ranged = new HttpRequestMessage(HttpMethod.Get, $"{repo.Id}/resolve/{commit}/{file.Path}");
        ranged.Headers.Range = new RangeHeaderValue(4, file.Size - 1);
        using var rest = await client.SendAsync(ranged, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.PartialContent, rest.StatusCode);
        Assert.Equal(file.ReadAllBytes()[4..], await rest.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = 60_000)]
    public async Task Stats_CountRequestsBytesAndHits()
    {
        using var client = fixture.HubClient();
        var file = fixture.Emulator.Repos.Get(StandardFixtures.TransformersRepo).File("config.json");
        var before = await fixture.Server.Client.GetFromJsonAsync<JsonElement>("/api/hub-endpoint/stats", TestContext.Current.CancellationToken);

        await client.GetByteArrayAsync($"{StandardFixtures.TransformersRepo}/resolve/main/config.json", TestContext.Current.CancellationToken);

        // The bytes are counted once the response has gone out, which can be just after the client read the body:
        // wait (bounded) for the count to arrive rather than race it.
        var after = before;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        do
        {
            after = await fixture.Server.Client.GetFromJsonAsync<JsonElement>("/api/hub-endpoint/stats", TestContext.Current.CancellationToken);
            if (after.GetProperty("bytesServed").GetInt64() - before.GetProperty("bytesServed").GetInt64() >= file.Size)
            {
                break;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        while (DateTime.UtcNow < deadline);

        Assert.True(after.GetProperty("requests").GetInt64() > before.GetProperty("requests").GetInt64());
        Assert.True(after.GetProperty("cacheHits").GetInt64() > before.GetProperty("cacheHits").GetInt64());
        Assert.True(after.GetProperty("bytesServed").GetInt64() - before.GetProperty("bytesServed").GetInt64() >= file.Size);
    }

    [Fact(Timeout = 60_000)]
    public async Task Resolve_KeepAliveConnection_FileBodiesByteExactBetweenOtherAnswers()
    {
        var ct = TestContext.Current.CancellationToken;
        var (gguf, config, host) = SendfileFiles();
        var bytes = gguf.ReadAllBytes();
        var before = await ZeroCopyBytesAsync(ct);
        await using var connection = await RawHttpConnection.OpenAsync(fixture.Server.BaseAddress, ct);

        // One after another on one connection: sendfile bodies (whole, ranged) around copied ones and JSON.
        await connection.SendAsync(Get($"/hub/{StandardFixtures.GgufRepo}/resolve/main/{gguf.Path}", host), ct);
        var whole = await connection.ReadResponseAsync(head: false, ct);
        await connection.SendAsync(Get($"/hub/{StandardFixtures.GgufRepo}/resolve/main/{gguf.Path}", host, "Range: bytes=1000-70999"), ct);
        var ranged = await connection.ReadResponseAsync(head: false, ct);
        await connection.SendAsync(Get($"/hub/{StandardFixtures.TransformersRepo}/resolve/main/config.json", host), ct);
        var small = await connection.ReadResponseAsync(head: false, ct);
        await connection.SendAsync(Get($"/hub/api/models/{StandardFixtures.GgufRepo}", host), ct);
        var info = await connection.ReadResponseAsync(head: false, ct);
        await connection.SendAsync(Get($"/hub/{StandardFixtures.GgufRepo}/resolve/main/{gguf.Path}", host), ct);
        var again = await connection.ReadResponseAsync(head: false, ct);

        Assert.Equal(200, whole.Status);
        Assert.Equal(bytes, whole.Body);
        Assert.Equal("\"" + gguf.Sha256 + "\"", whole.Headers["x-linked-etag"]);
        Assert.Equal((206, "bytes 1000-70999/" + gguf.Size), (ranged.Status, ranged.Headers["content-range"]));
        Assert.Equal(bytes[1000..71000], ranged.Body);
        Assert.Equal(200, small.Status);
        Assert.Equal(config.ReadAllBytes(), small.Body);
        Assert.Equal(200, info.Status);
        Assert.Contains(gguf.Path, System.Text.Encoding.UTF8.GetString(info.Body), StringComparison.Ordinal);
        Assert.Equal(bytes, again.Body);
        if (OperatingSystem.IsLinux())
        {
            // The big bodies went by sendfile(2): the kernel's zero-copy path, not a copy through the process. Counted
            // once the handler ends, which can be just after the client read the last byte: wait (bounded) for it.
            var expected = (2 * gguf.Size) + 70_000;
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (await ZeroCopyBytesAsync(ct) - before < expected && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, ct);
            }

            Assert.True(await ZeroCopyBytesAsync(ct) - before >= expected);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Resolve_PipelinedRequests_AnsweredInOrderByteExact()
    {
        var ct = TestContext.Current.CancellationToken;
        var (gguf, config, host) = SendfileFiles();
        var path = $"/hub/{StandardFixtures.GgufRepo}/resolve/main/{gguf.Path}";
        await using var connection = await RawHttpConnection.OpenAsync(fixture.Server.BaseAddress, ct);

        // All five requests in one write: each answer must start exactly where the one before ended.
        await connection.SendAsync(
            Head(path, host) + Get(path, host, "Range: bytes=-80000") + Get($"/hub/{StandardFixtures.TransformersRepo}/resolve/main/config.json", host)
            + Get(path, host) + Get(path, host, "If-None-Match: \"" + gguf.Sha256 + "\""),
            ct);

        var head = await connection.ReadResponseAsync(head: true, ct);
        var tail = await connection.ReadResponseAsync(head: false, ct);
        var small = await connection.ReadResponseAsync(head: false, ct);
        var whole = await connection.ReadResponseAsync(head: false, ct);
        var notModified = await connection.ReadResponseAsync(head: false, ct);

        var bytes = gguf.ReadAllBytes();
        Assert.Equal((200, gguf.Size.ToString(System.Globalization.CultureInfo.InvariantCulture)), (head.Status, head.Headers["content-length"]));
        Assert.Equal(206, tail.Status);
        Assert.Equal(bytes[^80000..], tail.Body);
        Assert.Equal(config.ReadAllBytes(), small.Body);
        Assert.Equal(200, whole.Status);
        Assert.Equal(bytes, whole.Body);
        Assert.Equal(304, notModified.Status);
    }

    [Fact(Timeout = 60_000)]
    public async Task Resolve_ClientLeavesMidBody_OthersAreServedWhole()
    {
        var ct = TestContext.Current.CancellationToken;
        var (gguf, _, host) = SendfileFiles();
        var path = $"/hub/{StandardFixtures.GgufRepo}/resolve/main/{gguf.Path}";
        for (var i = 0; i < 3; i++)
        {
            await using var leaving = await RawHttpConnection.OpenAsync(fixture.Server.BaseAddress, ct);
            await leaving.SendAsync(Get(path, host), ct);
            await leaving.ReadSomeAndCloseAsync(1000, ct);
        }

        await using var staying = await RawHttpConnection.OpenAsync(fixture.Server.BaseAddress, ct);
        await staying.SendAsync(Get(path, host), ct);
        var whole = await staying.ReadResponseAsync(head: false, ct);

        Assert.Equal(200, whole.Status);
        Assert.Equal(gguf.ReadAllBytes(), whole.Body);
    }

    [Fact(Timeout = 60_000)]
    public async Task Resolve_ClientClosesRightAfterTheLastByte_CountedAsServed()
    {
        var ct = TestContext.Current.CancellationToken;
        var (gguf, _, host) = SendfileFiles();
        var path = $"/hub/{StandardFixtures.GgufRepo}/resolve/main/{gguf.Path}";
        var before = await ServedBytesAsync(ct);
        const int Clients = 12;

        // As curl does: read exactly Content-Length bytes and close at once. The answer was delivered; it must not
        // turn into a cancelled request while the server finishes its own bookkeeping.
        for (var i = 0; i < Clients; i++)
        {
            await using var connection = await RawHttpConnection.OpenAsync(fixture.Server.BaseAddress, ct);
            await connection.SendAsync(Get(path, host), ct);
            var answer = await connection.ReadResponseAsync(head: false, ct);
            Assert.Equal(gguf.Size, answer.Body.Length);
        }

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await ServedBytesAsync(ct) - before < Clients * gguf.Size && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, ct);
        }

        Assert.Equal(Clients * gguf.Size, await ServedBytesAsync(ct) - before);
    }

    private (FixtureFile Gguf, FixtureFile Config, string Host) SendfileFiles()
    {
        var repo = fixture.Emulator.Repos.Get(StandardFixtures.GgufRepo);
        // The largest quantization: well over the size from which bodies go by sendfile.
        var gguf = repo.File($"Tiny-Llama-{StandardFixtures.GgufQuantizations[^1]}.gguf");
        Assert.True(gguf.Size > 128 * 1024);
        var config = fixture.Emulator.Repos.Get(StandardFixtures.TransformersRepo).File("config.json");
        return (gguf, config, fixture.Server.BaseAddress.Authority);
    }

    private async Task<long> ServedBytesAsync(CancellationToken ct) =>
        (await fixture.Server.Client.GetFromJsonAsync<JsonElement>("/api/hub-endpoint/stats", ct)).GetProperty("bytesServed").GetInt64();

    private async Task<long> ZeroCopyBytesAsync(CancellationToken ct) =>
        (await fixture.Server.Client.GetFromJsonAsync<JsonElement>("/api/hub-endpoint/stats", ct)).GetProperty("bytesServedZeroCopy").GetInt64();

    private static string Get(string target, string host, params string[] headers) =>
        RawHttpConnection.Request("GET", target, host, [$"Authorization: Bearer {HubEndpointFixture.LanToken}", .. headers]);

    private static string Head(string target, string host) =>
        RawHttpConnection.Request("HEAD", target, host, $"Authorization: Bearer {HubEndpointFixture.LanToken}");

    [Fact(Timeout = 60_000)]
    public async Task Settings_ShowLanTokensMasked()
    {
        var settings = await fixture.Server.Client.GetStringAsync("/api/settings", TestContext.Current.CancellationToken);

        Assert.DoesNotContain(HubEndpointFixture.LanToken, settings, StringComparison.Ordinal);
        Assert.Contains("\"hubEndpoint\"", settings, StringComparison.Ordinal);
        Assert.Contains("********" + HubEndpointFixture.LanToken[^4..], settings, StringComparison.Ordinal);
    }
}
