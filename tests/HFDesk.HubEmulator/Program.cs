using System.Globalization;
using System.Runtime.InteropServices;
using HFDesk.HubEmulator;

// Manual offline use: dotnet run --project tests/HFDesk.HubEmulator -- --port 18090 [--cdn-port 18091]
int? port = null;
int? cdnPort = null;
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--port")
    {
        port = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    }
    else if (args[i] == "--cdn-port")
    {
        cdnPort = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    }
}

cdnPort ??= port is { } p and > 0 ? p + 1 : null;
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

await using var host = await HubEmulatorHost.StartAsync(new HubEmulatorOptions { Port = port, CdnPort = cdnPort }, stop.Token);
Console.WriteLine($"Hub emulator: {host.Endpoint}");
Console.WriteLine($"CDN:          {host.CdnEndpoint}");
Console.WriteLine($"Tokens:       {HubEmulatorTokens.Valid} (owner), {HubEmulatorTokens.NotGranted} (not granted), {HubEmulatorTokens.OtherUser} (other user)");
foreach (var repo in host.Repos.All)
{
    var flags = (repo.IsPrivate ? " [private]" : "") + (repo.GatedMode is not null ? " [gated]" : "");
    Console.WriteLine($"  {repo}{flags}  ({repo.Files.Count} files)");
}

Console.WriteLine("Ctrl-C to stop.");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}
