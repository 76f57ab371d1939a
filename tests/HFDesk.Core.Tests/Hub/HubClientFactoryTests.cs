using HFDesk.Core.Hub;
using HFDesk.HubEmulator;

namespace HFDesk.Core.Tests.Hub;

public sealed class HubClientFactoryTests
{
    /// <summary>Stands in for the settings store: the options can change between two pieces of work.</summary>
    private sealed class ChangingOptions(HubClientOptions initial) : IHubClientOptionsProvider
    {
        public HubClientOptions Current { get; set; } = initial;
    }

    [Fact(Timeout = 60_000)]
    public async Task Create_AfterTokenAndEndpointChange_NewClientUsesTheNewSettings()
    {
        await using var first = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var second = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var options = new ChangingOptions(new HubClientOptions { Endpoint = first.Endpoint.AbsoluteUri, MaxRetries = 0 });
        using var factory = new HubClientFactory(options);
        var repo = RepoId.Parse(StandardFixtures.PrivateRepo);

        var before = factory.Create();
        await Assert.ThrowsAsync<HubException>(() => before.GetRepoInfoAsync(repo, RepoType.Model, null, TestContext.Current.CancellationToken));
        options.Current = options.Current with { Endpoint = second.Endpoint.AbsoluteUri, Token = HubEmulatorTokens.Valid };
        var info = await factory.Create().GetRepoInfoAsync(repo, RepoType.Model, null, TestContext.Current.CancellationToken);

        Assert.Equal(StandardFixtures.PrivateRepo, info.Id);
        Assert.All(first.Requests.Snapshot(), r => Assert.False(r.HasAuthorization));
        Assert.Contains(second.Requests.Snapshot(), r => r.Authorization == $"Bearer {HubEmulatorTokens.Valid}");
        // A client already handed out keeps the settings it was created with.
        Assert.Equal(first.Endpoint, before.Endpoint);
    }

    [Fact(Timeout = 60_000)]
    public async Task Create_ExplicitProxy_RoutesHubTrafficThroughIt()
    {
        // A second emulator plays the proxy: Kestrel serves the absolute-form target as its own path, so the
        // proof is which port the request reached.
        await using var hub = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var proxy = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var factory = new HubClientFactory(new FixedHubClientOptionsProvider(new HubClientOptions
        {
            Endpoint = hub.Endpoint.AbsoluteUri,
            MaxRetries = 0,
            Proxy = new HubProxyOptions(Url: proxy.Endpoint.AbsoluteUri),
        }));

        await factory.Create().GetRepoInfoAsync(RepoId.Parse(StandardFixtures.GgufRepo), RepoType.Model, null, TestContext.Current.CancellationToken);

        Assert.Empty(hub.Requests.Snapshot());
        Assert.Contains(proxy.Requests.Snapshot(), r => r.Path.EndsWith(StandardFixtures.GgufRepo, StringComparison.Ordinal));
    }

    [Fact]
    public void NoProxyList_BypassesMatchingHostsAndSuffixes()
    {
        var proxy = new HubWebProxy(new Uri("http://proxy.local:3128"), "localhost, .internal.example,hub.example", credentials: null);

        Assert.True(proxy.IsBypassed(new Uri("http://localhost:8080/x")));
        Assert.True(proxy.IsBypassed(new Uri("https://cdn.internal.example/x")));
        Assert.True(proxy.IsBypassed(new Uri("https://hub.example/api")));
        Assert.False(proxy.IsBypassed(new Uri("https://huggingface.co/api")));
        Assert.Equal(new Uri("http://proxy.local:3128"), proxy.GetProxy(new Uri("https://huggingface.co/api")));
    }
}
