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

    public Task StopAsync(CancellationToken cancellationToken)
    {
        settings.Changed -= OnSettingsChanged;
        return scheduler.StopAsync(cancellationToken);
    }

    private void OnSettingsChanged(object? sender, SettingsChangedEventArgs e)
    {
        // WebSocket clients get a fresh status; a raised maxConcurrentJobs starts waiting jobs now.
        scheduler.Events.Publish(new JobNotice(JobNotice.SettingsChanged, "Settings changed"));
        _ = RefreshAsync();
    }

    private async Task RefreshAsync()
    {
        try
        {
            await scheduler.RefreshAsync(CancellationToken.None);
        }
        catch (ObjectDisposedException)
        {
            // A settings change raced the shutdown; there is nothing left to start.
        }
    }
}
