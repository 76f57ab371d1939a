using Microsoft.Extensions.Hosting;

namespace HFDesk.HubEmulator.Serving;

/// <summary>
/// Replaces ConsoleLifetime, which would otherwise grab Ctrl-C and SIGTERM of whatever process hosts the
/// emulator (a test run, the CLI) and block its exit until the emulator is disposed.
/// </summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
