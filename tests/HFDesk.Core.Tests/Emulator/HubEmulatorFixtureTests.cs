using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using HFDesk.HubEmulator;

namespace HFDesk.Core.Tests.Emulator;

public sealed class HubEmulatorFixtureTests
{
    [Fact]
    public void Fixture_SameDescription_SameCommitAndContent()
    {
        var a = RepoFixture.Model("x/y").WithFile("a.bin", 5000).WithFile("b.txt", "hello");
        var b = RepoFixture.Model("x/y").WithFile("a.bin", 5000).WithFile("b.txt", "hello");
        var other = RepoFixture.Model("x/y").WithFile("a.bin", 5001).WithFile("b.txt", "hello");

        Assert.Matches("^[0-9a-f]{40}$", a.Commit);
        Assert.Equal(a.Commit, b.Commit);
        Assert.Equal(a.File("a.bin").ReadAllBytes(), b.File("a.bin").ReadAllBytes());
        Assert.NotEqual(a.Commit, other.Commit);
        Assert.True(a.File("a.bin").IsLfs);
        Assert.False(a.File("b.txt").IsLfs);
    }

    [Fact]
    public void Fixture_GeneratedContent_RandomAccessMatchesSequentialRead()
    {
        var file = RepoFixture.Model("x/y").WithFile("w.gguf", 100_003).File("w.gguf");
        var all = file.ReadAllBytes();
        using var stream = file.OpenRead();
        stream.Position = 77_777;
        var slice = new byte[1001];
        stream.ReadExactly(slice);

        Assert.Equal(all[77_777..78_778], slice);
        Assert.Equal("GGUF"u8.ToArray(), all[..4]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(all)), file.Sha256);
    }

    [Fact(Timeout = 120_000)]
    public async Task LargeFile_ServedInRangesAndWhole_MatchesLazySha256()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await HubEmulatorHost.StartAsync(new HubEmulatorOptions { IncludeStandardFixtures = false }, ct);
        const long Size = 48L * 1024 * 1024 + 7;
        var repo = host.Repos.Add(StandardFixtures.LargeFile("emulator/large", Size));
        using var client = EmulatorClient.Create(host, followRedirects: true);

        using var tail = new HttpRequestMessage(HttpMethod.Get, host.ResolveUrl(repo, "large.bin"));
        tail.Headers.Range = new RangeHeaderValue(Size - 10, null);
        using var tailResponse = await client.SendAsync(tail, ct);
        var tailBytes = await tailResponse.Content.ReadAsByteArrayAsync(ct);
        await using var body = await client.GetStreamAsync(host.ResolveUrl(repo, "large.bin"), ct);
        var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(body, ct));

        Assert.Equal(HttpStatusCode.PartialContent, tailResponse.StatusCode);
        Assert.Equal(10, tailBytes.Length);
        Assert.Equal(repo.File("large.bin").Sha256, sha);
        Assert.Equal(Size, host.Requests.Snapshot().Where(r => r.Origin == RequestOrigin.Cdn).Sum(r => r.BytesSent) - 10);
    }

    [Fact(Timeout = 60_000)]
    public async Task HostileNames_ListedAndServedExactlyAsGiven()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await HubEmulatorHost.StartAsync(new HubEmulatorOptions { IncludeStandardFixtures = false }, ct);
        var repo = host.Repos.Add(StandardFixtures.HostileNames());
        using var client = EmulatorClient.Create(host);

        using var doc = JsonDocument.Parse(await client.GetStringAsync($"api/models/{repo.Id}/tree/main?recursive=true", ct));
        var files = doc.RootElement.EnumerateArray().Where(e => e.GetProperty("type").GetString() == "file").Select(e => e.GetProperty("path").GetString()).ToList();
        var evil = await client.GetStringAsync($"{repo.Id}/resolve/main/..%2Fevil.txt", ct);
        var backslash = await client.GetStringAsync($"{repo.Id}/resolve/main/{Uri.EscapeDataString("a\\..\\..\\x")}", ct);

        Assert.Contains("../evil.txt", files);
        Assert.Contains("/etc/x", files);
        Assert.Contains("C:\\x", files);
        Assert.Equal(repo.Files.Count, files.Count);
        Assert.Equal("evil\n", evil);
        Assert.Equal("evil\n", backslash);
    }

    [Fact(Timeout = 60_000)]
    public async Task RenamedRepo_AnswersRelative307ToNewId()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        host.Repos.AddRename(RepoKind.Model, "old-owner/old-name", StandardFixtures.TransformersRepo);
        using var client = EmulatorClient.Create(host);

        using var file = await client.GetAsync("old-owner/old-name/resolve/main/config.json", ct);
        using var info = await client.GetAsync("api/models/old-owner/old-name/revision/main?expand=sha", ct);
        using var followed = await EmulatorClient.Create(host, followRedirects: true).GetAsync("old-owner/old-name/resolve/main/config.json", ct);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, file.StatusCode);
        Assert.Equal($"/{StandardFixtures.TransformersRepo}/resolve/main/config.json", file.Headers.Location!.OriginalString);
        Assert.Equal($"/api/models/{StandardFixtures.TransformersRepo}/revision/main?expand=sha", info.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task MissingBareNameRepo_Returns401RepoNotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        using var client = EmulatorClient.Create(host);

        using var file = await client.GetAsync("no-such-model/resolve/main/config.json", ct);
        using var bare = await client.GetAsync($"{StandardFixtures.NoNamespaceRepo}/resolve/main/config.json", ct);

        Assert.Equal(HttpStatusCode.Unauthorized, file.StatusCode);
        Assert.Equal("RepoNotFound", EmulatorClient.Header(file, "X-Error-Code"));
        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task Dispose_WithStalledRequestOpen_ReturnsPromptly()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        host.Faults.Stall(Timeout.InfiniteTimeSpan, times: 1, StallMode.BeforeHeaders);
        using var client = EmulatorClient.Create(host);
        var pending = client.GetAsync($"api/models/{StandardFixtures.TransformersRepo}", ct);
        var deadline = Stopwatch.GetTimestamp();
        while (host.Requests.Snapshot().Count == 0 && Stopwatch.GetElapsedTime(deadline) < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(20, ct);
        }

        var started = Stopwatch.GetTimestamp();
        await host.DisposeAsync();

        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(15));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => pending);
    }
}
