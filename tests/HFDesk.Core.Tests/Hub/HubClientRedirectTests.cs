using HFDesk.Core.Hub;
using HFDesk.HubEmulator;

namespace HFDesk.Core.Tests.Hub;

public sealed class HubClientRedirectTests
{
    [Fact(Timeout = 60_000)]
    public async Task FileMetadata_LfsFile_PointsAtTheCdnWithoutTheToken()
    {
        await using var hub = await EmulatedHub.StartAsync();
        var fixture = hub.Emulator.Repos.Get(StandardFixtures.GgufRepo);
        var file = fixture.File(StandardFixtures.GgufRecommendedFile);

        var metadata = await hub.CreateClient(HubEmulatorTokens.Valid).GetFileMetadataAsync(
            RepoId.Parse(StandardFixtures.GgufRepo), RepoType.Model, "main", StandardFixtures.GgufRecommendedFile, TestContext.Current.CancellationToken);

        Assert.Equal(fixture.Commit, metadata.Commit);
        Assert.Equal(file.Sha256, metadata.Etag);
        Assert.Equal(file.Size, metadata.Size);
        Assert.True(metadata.IsLfs);
        Assert.Equal(hub.Emulator.CdnEndpoint.Authority, metadata.DownloadUrl.Authority);
        Assert.False(metadata.SendToken);
        // The HEAD itself stopped at the 302: nothing was asked of the CDN yet.
        Assert.DoesNotContain(hub.Emulator.Requests.Snapshot(), r => r.Origin == RequestOrigin.Cdn);
    }

    [Fact(Timeout = 60_000)]
    public async Task FileMetadata_RegularFile_ReadsGitEtagAndContentLength()
    {
        await using var hub = await EmulatedHub.StartAsync();
        var file = hub.Emulator.Repos.Get(StandardFixtures.TransformersRepo).File("config.json");

        var metadata = await hub.CreateClient(HubEmulatorTokens.Valid).GetFileMetadataAsync(
            RepoId.Parse(StandardFixtures.TransformersRepo), RepoType.Model, "main", "config.json", TestContext.Current.CancellationToken);

        Assert.Equal(file.GitOid, metadata.Etag);
        Assert.Equal(file.Size, metadata.Size);
        Assert.False(metadata.IsLfs);
        Assert.True(metadata.SendToken);
        Assert.Equal(hub.Emulator.Endpoint.Authority, metadata.DownloadUrl.Authority);
    }

    [Fact(Timeout = 60_000)]
    public async Task FileRequest_ResolveOfLfsFile_FollowsToCdnAndDropsTheToken()
    {
        await using var hub = await EmulatedHub.StartAsync();
        var file = hub.Emulator.Repos.Get(StandardFixtures.GatedRepo).File("model.safetensors");
        var client = hub.CreateClient(HubEmulatorTokens.Valid);
        var url = client.ResolveUrl(RepoId.Parse(StandardFixtures.GatedRepo), RepoType.Model, "main", "model.safetensors");

        using var response = await client.SendFileRequestAsync(new HubFileRequest(url, SendToken: true), TestContext.Current.CancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(file.ReadAllBytes(), bytes);
        var log = hub.Emulator.Requests.Snapshot();
        Assert.Contains(log, r => r.Origin == RequestOrigin.Hub && r.Path.Contains("/resolve/", StringComparison.Ordinal) && r.Authorization == $"Bearer {HubEmulatorTokens.Valid}");
        var cdn = Assert.Single(log, r => r.Origin == RequestOrigin.Cdn);
        Assert.False(cdn.HasAuthorization);
    }

    [Fact(Timeout = 60_000)]
    public async Task FileRequest_Range_IsSentToTheCdn()
    {
        await using var hub = await EmulatedHub.StartAsync();
        var file = hub.Emulator.Repos.Get(StandardFixtures.GgufRepo).File(StandardFixtures.GgufRecommendedFile);
        var client = hub.CreateClient();
        var metadata = await client.GetFileMetadataAsync(RepoId.Parse(StandardFixtures.GgufRepo), RepoType.Model, "main", StandardFixtures.GgufRecommendedFile, TestContext.Current.CancellationToken);

        using var response = await client.SendFileRequestAsync(new HubFileRequest(metadata.DownloadUrl, metadata.SendToken, 100, 199), TestContext.Current.CancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        Assert.Equal(206, (int)response.StatusCode);
        Assert.Equal(file.ReadAllBytes()[100..200], bytes);
    }

    [Fact(Timeout = 60_000)]
    public async Task RelativeRedirect_KeepsTheTokenAndReadsTheFinalAnswer()
    {
        await using var hub = await EmulatedHub.StartAsync();
        hub.Emulator.Faults.RelativeRedirects();
        var fixture = hub.Emulator.Repos.Get(StandardFixtures.PrivateRepo);
        var client = hub.CreateClient(HubEmulatorTokens.Valid);
        var repo = RepoId.Parse(StandardFixtures.PrivateRepo);

        var metadata = await client.GetFileMetadataAsync(repo, RepoType.Model, "main", "config.json", TestContext.Current.CancellationToken);
        var content = await client.ReadSmallFileAsync(repo, RepoType.Model, "main", "config.json", 64 * 1024, TestContext.Current.CancellationToken);

        Assert.Equal(fixture.File("config.json").GitOid, metadata.Etag);
        Assert.Equal(fixture.Commit, metadata.Commit);
        Assert.Contains("/api/resolve-cache/", metadata.DownloadUrl.AbsolutePath, StringComparison.Ordinal);
        Assert.True(metadata.SendToken);
        Assert.Equal(fixture.File("config.json").ReadAllBytes(), content);
        var followed = hub.Emulator.Requests.Snapshot().Where(r => r.Path.StartsWith("/api/resolve-cache/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(followed);
        Assert.All(followed, r => Assert.Equal($"Bearer {HubEmulatorTokens.Valid}", r.Authorization));
    }

    [Fact(Timeout = 60_000)]
    public async Task TokenIsNeverSentToAnotherHostEvenWhenAskedTo()
    {
        await using var hub = await EmulatedHub.StartAsync();
        var client = hub.CreateClient(HubEmulatorTokens.Valid);
        var metadata = await client.GetFileMetadataAsync(RepoId.Parse(StandardFixtures.GgufRepo), RepoType.Model, "main", StandardFixtures.GgufRecommendedFile, TestContext.Current.CancellationToken);

        // A caller wrongly asking to send the token to the CDN still cannot: it only goes to the Hub's host:port.
        using var response = await client.SendFileRequestAsync(new HubFileRequest(metadata.DownloadUrl, SendToken: true), TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode);
        Assert.All(hub.Emulator.Requests.Snapshot().Where(r => r.Origin == RequestOrigin.Cdn), r => Assert.False(r.HasAuthorization));
    }
}
