using HFDesk.Core.Cache;
using HFDesk.Core.Hub;
using HFDesk.Core.Jobs;
using HFDesk.Core.Jobs.Execution;
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
        // One engine (and so one bandwidth bucket) for every transfer of the process.
        services.TryAddSingleton(sp => new DownloadEngine(
            sp.GetRequiredService<SettingsStore>(),
            sp.GetRequiredService<HubClientFactory>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IJobExecutor>(sp => new RepoDownloadJobExecutor(
            sp.GetRequiredService<DownloadEngine>(),
            sp.GetService<ILogger<RepoDownloadJobExecutor>>()));
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
