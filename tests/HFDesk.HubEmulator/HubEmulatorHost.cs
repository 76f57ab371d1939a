using System.Net;
using HFDesk.HubEmulator.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HFDesk.HubEmulator;

/// <summary>
/// A local fake Hugging Face Hub on 127.0.0.1: the Hub (API and resolve) on one port and the LFS "CDN" on
/// another, so clients must drop Authorization on the cross-host redirect exactly as with the real Hub.
/// </summary>
public sealed class HubEmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _hub;
    private readonly WebApplication _cdn;

    private HubEmulatorHost(WebApplication hub, WebApplication cdn, Uri endpoint, Uri cdnEndpoint, FixtureStore repos, FaultPlan faults, RequestLog requests)
    {
        _hub = hub;
        _cdn = cdn;
        Endpoint = endpoint;
        CdnEndpoint = cdnEndpoint;
        Repos = repos;
        Faults = faults;
        Requests = requests;
    }

    /// <summary><c>http://127.0.0.1:{port}</c>: Hub API and file routes.</summary>
    public Uri Endpoint { get; }

    /// <summary><c>http://127.0.0.1:{other port}</c>: LFS bytes.</summary>
    public Uri CdnEndpoint { get; }

    public FixtureStore Repos { get; }

    public FaultPlan Faults { get; }

    public RequestLog Requests { get; }

    public static async Task<HubEmulatorHost> StartAsync(HubEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new HubEmulatorOptions();
        var repos = new FixtureStore();
        if (options.IncludeStandardFixtures)
        {
            StandardFixtures.AddTo(repos);
        }

        var faults = new FaultPlan();
        var requests = new RequestLog();
        var blobs = new CdnBlobRegistry();
        Uri? cdnEndpoint = null;

        var cdnHandler = new CdnRequestHandler(faults, requests, blobs);
        var cdn = Build(options.CdnPort ?? 0, cdnHandler.HandleAsync);
        await cdn.StartAsync(cancellationToken);
        cdnEndpoint = Address(cdn);

        var hubHandler = new HubRequestHandler(repos, faults, requests, blobs, () => cdnEndpoint, options);
        var hub = Build(options.Port ?? 0, hubHandler.HandleAsync);
        try
        {
            await hub.StartAsync(cancellationToken);
        }
        catch
        {
            await cdn.DisposeAsync();
            throw;
        }

        return new HubEmulatorHost(hub, cdn, Address(hub), cdnEndpoint, repos, faults, requests);
    }

    /// <summary>URL of a file through <c>/resolve/</c>, e.g. for tests that fetch it directly.</summary>
    public Uri ResolveUrl(RepoFixture repo, string path, string? revision = null)
    {
        ArgumentNullException.ThrowIfNull(repo);
        var prefix = repo.Kind switch
        {
            RepoKind.Dataset => "datasets/",
            RepoKind.Space => "spaces/",
            _ => "",
        };
        var escaped = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        return new Uri(Endpoint, $"{prefix}{repo.Id}/resolve/{Uri.EscapeDataString(revision ?? repo.DefaultBranch)}/{escaped}");
    }

    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _cdn.DisposeAsync();
    }

    private static WebApplication Build(int port, RequestDelegate handler)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        // Disposal must not wait for stalled or throttled responses a test left open.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
            // Bandwidth caps and stalls are deliberate: Kestrel must not kill slow responses itself.
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MaxConcurrentConnections = null;
        });
        var app = builder.Build();
        app.Run(handler);
        return app;
    }

    private static Uri Address(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var address = addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        return new Uri(address.TrimEnd('/'));
    }
}
