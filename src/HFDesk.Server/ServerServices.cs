using HFDesk.Core.Cache;
using HFDesk.Core.Hub;
using HFDesk.Server.Access;
using HFDesk.Server.Contracts;
using HFDesk.Server.Errors;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HFDesk.Server;

/// <summary>All of the server's DI in one place. Areas register their services here, one line each.</summary>
public static class ServerServices
{
    public static IServiceCollection AddHfDeskServer(this IServiceCollection services, HfDeskServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);

        // Hub: one factory reading the live options; each request gets a client with the settings of that moment.
        services.TryAddSingleton(options.HubOptionsProvider ?? new FixedHubClientOptionsProvider(options.Hub));
        services.TryAddSingleton(sp => new HubClientFactory(sp.GetRequiredService<IHubClientOptionsProvider>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddTransient(sp => sp.GetRequiredService<HubClientFactory>().Create());

        // Search's local badge: empty until the cache scanner provides the real index.
        services.TryAddSingleton<ILocalRepoIndex, EmptyLocalRepoIndex>();

        // Errors: one handler for thrown failures; binding problems are thrown so it sees them too.
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));

        services.AddSingleton(new OriginPolicy(options.AllowedOrigins, HfDeskServerBinding.Resolve(options).IsLoopback));
        services.AddHfDeskJobs();
        return services;
    }
}
