using HFDesk.Core.Jobs;
using Microsoft.Extensions.Hosting;

namespace HFDesk.Server;

/// <summary>
/// Starts the scheduler with the server (persisted jobs resume) and stops it gracefully: running jobs stop,
/// keep their partial files, and are saved as queued so the next start continues them.
/// </summary>
internal sealed class JobSchedulerHostedService(JobScheduler scheduler, JobSettingsSource settings) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        settings.OnChanged(OnSettingsChanged);
        await scheduler.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => scheduler.StopAsync(cancellationToken);

    private void OnSettingsChanged()
    {
        // WebSocket clients get a fresh status; a raised maxConcurrentJobs starts waiting jobs now.
        scheduler.Events.Publish(new JobNotice(JobNotice.SettingsChanged, "Settings changed"));
        _ = scheduler.RefreshAsync(CancellationToken.None);
    }
}
