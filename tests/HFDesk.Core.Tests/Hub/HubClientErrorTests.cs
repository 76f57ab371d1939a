using HFDesk.Core.Hub;
using HFDesk.HubEmulator;

namespace HFDesk.Core.Tests.Hub;

public sealed class HubClientErrorTests
{
    private static readonly RepoId Missing = RepoId.Parse("emulator/does-not-exist");

    [Fact(Timeout = 60_000)]
    public async Task MissingRepo_WithoutToken_IsNotFoundAndSuggestsAToken()
    {
        await using var hub = await EmulatedHub.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => hub.CreateClient().GetRepoInfoAsync(Missing, RepoType.Model, null, TestContext.Current.CancellationToken));

        Assert.Equal(HubErrorKind.NotFound, error.Kind);
        Assert.Equal(401, error.StatusCode);
        Assert.False(error.TokenWasSent);
        Assert.Contains("set a token", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("/emulator/does-not-exist", error.RepoUrl, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task MissingRepo_WithValidToken_IsNotFound404()
    {
        await using var hub = await EmulatedHub.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => hub.CreateClient(HubEmulatorTokens.Valid).GetRepoInfoAsync(Missing, RepoType.Model, null, TestContext.Current.CancellationToken));

        Assert.Equal(HubErrorKind.NotFound, error.Kind);
        Assert.Equal(404, error.StatusCode);
        Assert.True(error.TokenWasSent);
    }

    [Fact(Timeout = 60_000)]
    public async Task PrivateRepo_WithoutToken_IsNotFound401_AndWithOwnerTokenIsReadable()
    {
        await using var hub = await EmulatedHub.StartAsync();
        var repo = RepoId.Parse(StandardFixtures.PrivateRepo);

        var error = await Assert.ThrowsAsync<HubException>(() => hub.CreateClient().GetTreeAsync(repo, RepoType.Model, "main", TestContext.Current.CancellationToken));
        var files = await hub.CreateClient(HubEmulatorTokens.Valid).GetTreeAsync(repo, RepoType.Model, "main", TestContext.Current.CancellationToken);

        Assert.Equal(HubErrorKind.NotFound, error.Kind);
        Assert.Equal(401, error.StatusCode);
        Assert.Contains(files, f => f.Path == "config.json");
    }

    [Fact(Timeout = 60_000)]
    public async Task PrivateRepo_WithAnotherUsersToken_IsNotFound404()
    {
        await using var hub = await EmulatedHub.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(
            () => hub.CreateClient(HubEmulatorTokens.OtherUser).GetRepoInfoAsync(RepoId.Parse(StandardFixtures.PrivateRepo), RepoType.Model, null, TestContext.Current.CancellationToken));

        Assert.Equal(HubErrorKind.NotFound, error.Kind);
        Assert.Equal(404, error.StatusCode);
        Assert.True(error.TokenWasSent);
    }

    [Fact(Timeout = 60_000)]
    public async Task InvalidToken_IsUnauthorized()
    {
        await using var hub = await EmulatedHub.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(
            () => hub.CreateClient("hf_not_a_real_token").GetRepoInfoAsync(RepoId.Parse(StandardFixtures.GgufRepo), RepoType.Model, null, TestContext.Current.CancellationToken));

        Assert.Equal(HubErrorKind.Unauthorized, error.Kind);
        Assert.True(error.TokenWasSent);
        Assert.Contains("token", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hf_not_a_real_token", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task GatedFile_WithoutToken_IsGatedAndSaysToSetATokenAndAcceptTerms()
    {
        await using var hub = await EmulatedHub.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(
            () => hub.CreateClient().GetFileMetadataAsync(RepoId.Parse(StandardFixtures.GatedRepo), RepoType.Model, "main", "model.safetensors", TestContext.Current.CancellationToken));

        Assert.Equal(HubErrorKind.Gated, error.Kind);
        Assert.False(error.TokenWasSent);
        Assert.Contains("set a token", error.Message, StringComparison.Ordinal);
        Assert.Contains($"/{StandardFixtures.GatedRepo}", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task GatedFile_WithTokenNotGranted_IsGatedWithTokenSentAndLinksTheTerms()
    {
        await using var hub = await EmulatedHub.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(
            () => hub.CreateClient(HubEmulatorTokens.NotGranted).ReadSmallFileAsync(RepoId.Parse(StandardFixtures.GatedRepo), RepoType.Model, "main", "config.json", 4096, TestContext.Current.CancellationToken));

        Assert.Equal(HubErrorKind.Gated, error.Kind);
        Assert.True(error.TokenWasSent);
        Assert.Equal(403, error.StatusCode);
        Assert.Contains("accept its terms", error.Message, StringComparison.Ordinal);
        Assert.Contains($"/{StandardFixtures.GatedRepo}", error.RepoUrl, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task UnknownRevision_IsRevisionNotFound()
    {
        await using var hub = await EmulatedHub.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(
            () => hub.CreateClient().GetTreeAsync(RepoId.Parse(StandardFixtures.GgufRepo), RepoType.Model, "no-such-branch", TestContext.Current.CancellationToken));

        Assert.Equal(HubErrorKind.RevisionNotFound, error.Kind);
        Assert.Contains("no-such-branch", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task MissingFile_IsEntryNotFound()
    {
        await using var hub = await EmulatedHub.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(
            () => hub.CreateClient().GetFileMetadataAsync(RepoId.Parse(StandardFixtures.GgufRepo), RepoType.Model, "main", "nope.gguf", TestContext.Current.CancellationToken));

        Assert.Equal(HubErrorKind.EntryNotFound, error.Kind);
        Assert.Contains("nope.gguf", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task DisabledRepo_IsForbidden()
    {
        await using var hub = await EmulatedHub.StartAsync();
        hub.Emulator.Repos.Add(RepoFixture.Model("emulator/disabled-model").WithFile("README.md", "# off\n").Disabled());

        var error = await Assert.ThrowsAsync<HubException>(
            () => hub.CreateClient().GetRepoInfoAsync(RepoId.Parse("emulator/disabled-model"), RepoType.Model, null, TestContext.Current.CancellationToken));

        Assert.Equal(HubErrorKind.Forbidden, error.Kind);
        Assert.Contains("disabled", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task RateLimited_WithoutRetries_SurfacesRetryAfter()
    {
        await using var hub = await EmulatedHub.StartAsync();
        hub.Emulator.Faults.RateLimit(times: 5, retryAfterSeconds: 7, scope: FaultScope.Hub);

        var error = await Assert.ThrowsAsync<HubException>(
            () => hub.CreateClient().GetRepoInfoAsync(RepoId.Parse(StandardFixtures.GgufRepo), RepoType.Model, null, TestContext.Current.CancellationToken));

        Assert.Equal(HubErrorKind.RateLimited, error.Kind);
        Assert.True(error.IsTransient);
        Assert.NotNull(error.RetryAfter);
        Assert.InRange(error.RetryAfter.Value, TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(8));
    }

    [Fact(Timeout = 60_000)]
    public async Task RateLimited_Once_IsRetriedAfterTheAdvertisedWaitAndSucceeds()
    {
        await using var hub = await EmulatedHub.StartAsync();
        hub.Emulator.Faults.RateLimit(times: 1, retryAfterSeconds: 1, scope: FaultScope.Hub);
        var client = hub.CreateClient(configure: o => o with { MaxRetries = 2 });

        var info = await client.GetRepoInfoAsync(RepoId.Parse(StandardFixtures.GgufRepo), RepoType.Model, null, TestContext.Current.CancellationToken);

        Assert.Equal(StandardFixtures.GgufRepo, info.Id);
        var attempts = hub.Emulator.Requests.Snapshot().Where(r => r.Path == $"/api/models/{StandardFixtures.GgufRepo}").Select(r => r.Status).ToList();
        Assert.Equal([429, 200], attempts);
    }

    [Fact(Timeout = 60_000)]
    public async Task ServerError_Once_IsRetried()
    {
        await using var hub = await EmulatedHub.StartAsync();
        hub.Emulator.Faults.ServerError(times: 1, statusCode: 503, scope: FaultScope.Hub);
        var client = hub.CreateClient(configure: o => o with { MaxRetries = 2 });

        var files = await client.GetTreeAsync(RepoId.Parse(StandardFixtures.TransformersRepo), RepoType.Model, "main", TestContext.Current.CancellationToken);

        Assert.Contains(files, f => f.Path == "config.json");
    }

    [Fact(Timeout = 60_000)]
    public async Task ServerError_Persisting_IsUpstream()
    {
        await using var hub = await EmulatedHub.StartAsync();
        hub.Emulator.Faults.ServerError(times: 10, statusCode: 500, scope: FaultScope.Hub);

        var error = await Assert.ThrowsAsync<HubException>(
            () => hub.CreateClient().GetRepoInfoAsync(RepoId.Parse(StandardFixtures.GgufRepo), RepoType.Model, null, TestContext.Current.CancellationToken));

        Assert.Equal(HubErrorKind.Upstream, error.Kind);
        Assert.Equal(500, error.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task GatewayTimeout_IsTimeout()
    {
        await using var hub = await EmulatedHub.StartAsync();
        hub.Emulator.Faults.ServerError(times: 10, statusCode: 504, scope: FaultScope.Hub);

        var error = await Assert.ThrowsAsync<HubException>(
            () => hub.CreateClient().SearchAsync(new HubSearchQuery { Search = "tiny" }, TestContext.Current.CancellationToken));

        Assert.Equal(HubErrorKind.Timeout, error.Kind);
    }

    [Fact(Timeout = 60_000)]
    public async Task HubSilentBeyondRequestTimeout_IsTimeout()
    {
        await using var hub = await EmulatedHub.StartAsync();
        hub.Emulator.Faults.Stall(TimeSpan.FromSeconds(30), times: 10, mode: StallMode.BeforeHeaders, scope: FaultScope.Hub);
        var client = hub.CreateClient(configure: o => o with { RequestTimeout = TimeSpan.FromSeconds(1) });

        var error = await Assert.ThrowsAsync<HubException>(
            () => client.GetRepoInfoAsync(RepoId.Parse(StandardFixtures.GgufRepo), RepoType.Model, null, TestContext.Current.CancellationToken));

        Assert.Equal(HubErrorKind.Timeout, error.Kind);
    }

    [Fact(Timeout = 60_000)]
    public async Task HubStallingMidBody_IsTimeoutNotAHang()
    {
        await using var hub = await EmulatedHub.StartAsync();
        hub.Emulator.Faults.Stall(TimeSpan.FromSeconds(30), times: 10, mode: StallMode.AfterHeaders, scope: FaultScope.Path("config.json"));
        var client = hub.CreateClient(configure: o => o with { RequestTimeout = TimeSpan.FromSeconds(1) });

        var error = await Assert.ThrowsAsync<HubException>(
            () => client.ReadSmallFileAsync(RepoId.Parse(StandardFixtures.TransformersRepo), RepoType.Model, "main", "config.json", 64 * 1024, TestContext.Current.CancellationToken));

        Assert.Equal(HubErrorKind.Timeout, error.Kind);
    }

    [Fact(Timeout = 60_000)]
    public async Task NothingListening_IsUpstreamWithTheHost()
    {
        var port = FreePort();
        var factory = new HubClientFactory(new FixedHubClientOptionsProvider(new HubClientOptions { Endpoint = $"http://127.0.0.1:{port}", MaxRetries = 0 }));
        using var _ = factory;

        var error = await Assert.ThrowsAsync<HubException>(
            () => factory.Create().GetRepoInfoAsync(RepoId.Parse(StandardFixtures.GgufRepo), RepoType.Model, null, TestContext.Current.CancellationToken));

        Assert.Equal(HubErrorKind.Upstream, error.Kind);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
