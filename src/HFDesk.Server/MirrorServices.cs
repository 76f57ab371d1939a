using HFDesk.Core.Cache;
using HFDesk.Core.Jobs;
using HFDesk.Core.Mirror;
using HFDesk.Core.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HFDesk.Server;

/// <summary>Mirror: targets in the data dir, the engine over the live storage roots, and the operations registry.</summary>
internal static class MirrorServices
{
    public static IServiceCollection AddHfDeskMirror(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => MirrorTargetStore.Open(
            sp.GetRequiredService<SettingsStore>().DataDir,
            sp.GetRequiredService<HfDeskServerOptions>().Environment ?? HfEnvironment.FromProcess()));
        services.TryAddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<SettingsStore>();
            return new MirrorEngine(
                () => settings.Roots,
                sp.GetRequiredService<MirrorTargetStore>(),
                sp.GetService<IRepoActivity>() ?? NoRepoActivity.Instance,
                sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton(sp => new MirrorOperations(sp.GetRequiredService<MirrorEngine>(), sp.GetService<JobEvents>()));
        return services;
    }
}
