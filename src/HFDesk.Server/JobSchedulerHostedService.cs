using HFDesk.Core.Jobs;
using HFDesk.Core.Settings;
using Microsoft.Extensions.Hosting;

namespace HFDesk.Server;

/// <summary>
/// Starts the scheduler with the server (persisted jobs resume) and stops it gracefully: running jobs stop,
/// keep their partial files, and are saved as queued so the next start continues them.
/// </summary>
internal sealed class JobSchedulerHostedService(JobScheduler scheduler, SettingsStore settings) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        settings.Changed += OnSettingsChanged;
        await scheduler.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        settings.Changed -= OnSettingsChanged;
        await scheduler.StopAsync(cancellationToken);
    }

    // A raised maxConcurrentJobs should start waiting jobs now, not when the next job ends.
    private void OnSettingsChanged(object? sender, SettingsChangedEventArgs e) =>
        _ = scheduler.RefreshAsync(CancellationToken.None);
}
