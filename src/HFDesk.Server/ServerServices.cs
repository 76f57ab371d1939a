using HFDesk.Core.Cache;
using HFDesk.Core.Gguf;
using HFDesk.Core.Hub;
using HFDesk.Core.HubServing;
using HFDesk.Core.Jobs;
using HFDesk.Core.Jobs.Execution;
using HFDesk.Core.Machine;
using HFDesk.Core.Settings;
using HFDesk.Server.Access;
using HFDesk.Server.HubServing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HFDesk.Server;

/// <summary>All of the server's DI in one place. Areas register their services here, one line each.</summary>
internal static class ServerServices
{
    public static IServiceCollection AddHfDeskServer(this IServiceCollection services, HfDeskServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);

        // Settings and storage roots: command line over environment over config file (api.md). Registering reads
        // no file: HfDeskServer.Build opens the store up front (a bad --cache-dir is a usage error before start).
        services.TryAddSingleton(_ => options.Settings ?? OpenSettings(options));
        services.AddHostedService<TokenFileRefreshService>();

        // Hub: one factory reading the live options; each request gets a client with the settings of that moment.
        services.TryAddSingleton(sp => options.HubOptionsProvider ?? new SettingsHubClientOptionsProvider(sp.GetRequiredService<SettingsStore>(), options.Hub));
        services.TryAddSingleton(sp => new HubClientFactory(sp.GetRequiredService<IHubClientOptionsProvider>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddTransient(sp => sp.GetRequiredService<HubClientFactory>().Create());

        // Fit badges: the machine is probed once per process (GPUs) and GGUF headers are read once per commit.
        services.TryAddSingleton(_ => new MachineProbe());
        services.TryAddSingleton(_ => new GgufHeaderSource());

        // Cache browser; the catalog also answers search's local badge. IRepoActivity is the job scheduler's
        // (registered by the jobs area, whatever the order); without one nothing counts as active.
        services.TryAddSingleton(sp =>
        {
            var catalog = new CacheCatalog(() => sp.GetRequiredService<SettingsStore>().Roots, sp.GetRequiredService<TimeProvider>());
            // A finished download changes the cache: search badges must not wait for the reused scan to age out.
            if (sp.GetService<JobEvents>() is { } events)
            {
                events.NoticePublished += (_, notice) =>
                {
                    if (notice.Kind == JobNotice.CacheChanged)
                    {
                        catalog.Invalidate();
                    }
                };
            }

            return catalog;
        });
        services.TryAddSingleton<ILocalRepoIndex>(sp => sp.GetRequiredService<CacheCatalog>());
        services.TryAddSingleton(sp => new CacheDeleter(sp.GetService<IRepoActivity>() ?? NoRepoActivity.Instance));
        services.TryAddSingleton(sp => new CacheRebuilder(sp.GetService<IRepoActivity>() ?? NoRepoActivity.Instance));

        // Errors: one handler for thrown failures; binding problems are thrown so it sees them too.
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Only the API's context, not after it the reflection resolver ASP.NET adds by default: a type missing from
        // ApiJsonContext must fail where a test sees it, not be serialized by reflection under other rules.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Clear();
            o.SerializerOptions.TypeInfoResolverChain.Add(ApiJsonContext.Default);
        });

        services.AddSingleton(new OriginPolicy(options.AllowedOrigins, HfDeskServerBinding.Resolve(options).IsLoopback));
        services.AddHfDeskJobs();
        services.AddHfDeskMirror();

        // Hub endpoint (/hub): the cache index, the source that adds upstream in pull-through mode, and its counters.
        services.TryAddSingleton(sp => new HubCacheIndex(() => sp.GetRequiredService<SettingsStore>().Roots, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<HubEndpointStats>();
        services.TryAddSingleton(sp => new HubMetadataStore(sp.GetRequiredService<SettingsStore>().DataDir));
        services.TryAddSingleton(sp => new HubFillCoordinator(
            sp.GetRequiredService<DownloadEngine>(),
            () => sp.GetRequiredService<SettingsStore>().Roots,
            sp.GetRequiredService<HubCacheIndex>(),
            sp.GetRequiredService<HubEndpointStats>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<JobScheduler>()));
        services.TryAddSingleton(sp => new HubRepoSource(
            sp.GetRequiredService<HubCacheIndex>(),
            sp.GetRequiredService<HubMetadataStore>(),
            sp.GetRequiredService<HubClientFactory>(),
            sp.GetRequiredService<HubFillCoordinator>(),
            () => sp.GetRequiredService<SettingsStore>().Roots,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new HubEndpointConfiguration(sp.GetRequiredService<SettingsStore>(), options));
        services.TryAddSingleton<HubRequestHandler>();
        return services;
    }

    /// <summary>Reads the config file and the token file: the one place the server's settings are opened.</summary>
    /// <exception cref="ArgumentException">A command-line value is invalid (a usage error).</exception>
    internal static SettingsStore OpenSettings(HfDeskServerOptions options) =>
        SettingsStore.Open(ToOverrides(options), options.Environment ?? HfEnvironment.FromProcess());

    private static SettingsOverrides ToOverrides(HfDeskServerOptions options) => new()
    {
        CacheDir = options.CacheDir,
        LocalDir = options.LocalDir,
        DataDir = options.DataDir,
        // Hub carries --endpoint/--token; its default endpoint means "not given", so the config file can name a mirror.
        Endpoint = HubClientOptions.NormalizeEndpoint(options.Hub.Endpoint) == HubClientOptions.DefaultEndpoint ? null : options.Hub.Endpoint,
        Token = options.Hub.Token,
        AllowRequestLocalDir = options.AllowRequestLocalDir,
    };
}
