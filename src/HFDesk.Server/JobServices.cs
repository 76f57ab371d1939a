using HFDesk.Core.Cache;
using HFDesk.Core.Downloads;
using HFDesk.Core.Hub;
using HFDesk.Core.Jobs;
using HFDesk.Core.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace HFDesk.Server;

/// <summary>Jobs: store (SQLite in the data dir), events, executor, scheduler, and its start/stop with the host.</summary>
internal static class JobServices
{
    public static IServiceCollection AddHfDeskJobs(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new JobEvents(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IJobStore>(sp => JobStore.InDataDirectory(sp.GetRequiredService<SettingsStore>().DataDir));
        services.TryAddSingleton(sp =>
        {
            // One bucket for every transfer of the process; a new maxSpeed reaches running downloads at once.
            var settings = sp.GetRequiredService<SettingsStore>();
            var limiter = new BandwidthLimiter(sp.GetRequiredService<TimeProvider>()) { BytesPerSecond = settings.Current.MaxSpeedBytesPerSecond };
            settings.Changed += (_, e) => limiter.BytesPerSecond = e.Snapshot.Effective.MaxSpeedBytesPerSecond;
            return limiter;
        });
        services.TryAddSingleton<IJobExecutor>(sp =>
        {
            var settings = sp.GetRequiredService<SettingsStore>();
            return new RepoDownloadJobExecutor(
                sp.GetRequiredService<HubClientFactory>(),
                () => settings.Current,
                sp.GetRequiredService<BandwidthLimiter>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILogger<RepoDownloadJobExecutor>>());
        });
        services.TryAddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<SettingsStore>();
            return new JobScheduler(
                sp.GetRequiredService<IJobStore>(),
                sp.GetRequiredService<IJobExecutor>(),
                sp.GetRequiredService<JobEvents>(),
                sp.GetRequiredService<TimeProvider>(),
                () => settings.Current.MaxConcurrentJobs,
                sp.GetService<ILogger<JobScheduler>>());
        });
        services.TryAddSingleton<IRepoActivity>(sp => sp.GetRequiredService<JobScheduler>());
        services.AddHostedService<JobSchedulerHostedService>();
        return services;
    }
}
