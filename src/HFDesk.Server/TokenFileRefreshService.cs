using HFDesk.Core.Settings;
using Microsoft.Extensions.Hosting;

namespace HFDesk.Server;

/// <summary>
/// Looks at the Hugging Face token file every <see cref="Interval"/>, so an <c>hf auth login</c> (or logout) made
/// while the server runs reaches the next Hub request, and no settings read ever has to touch the disk.
/// </summary>
internal sealed class TokenFileRefreshService(SettingsStore settings, TimeProvider time) : BackgroundService
{
    // A stat every two seconds costs nothing; a user who just logged in retries within that.
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            settings.RefreshTokenFile();
        }
    }
}
