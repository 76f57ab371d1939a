using System.Globalization;
using System.Runtime.InteropServices;
using HFDesk.HubEmulator;

// Manual offline use and benchmarks:
//   dotnet run --project tests/HFDesk.HubEmulator -- --port 18090 [--cdn-port 18091] [--large-file 1GiB]...
// --large-file adds emulator/large-<size> with one generated file large.bin (repeatable).
int? port = null;
int? cdnPort = null;
var largeFiles = new List<long>();
for (var i = 0; i < args.Length - 1; i++)
{
    switch (args[i])
    {
        case "--port":
            port = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--cdn-port":
            cdnPort = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--large-file":
            largeFiles.Add(ParseSize(args[++i]));
            break;
        default:
            break;
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
foreach (var size in largeFiles)
{
    host.Repos.Add(StandardFixtures.LargeFile(string.Create(CultureInfo.InvariantCulture, $"emulator/large-{size}"), size));
}

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

// What each file cost the emulator, for benchmarks that must show a file travelled once (bench/hub-endpoint).
foreach (var sent in host.Requests.Snapshot().Where(r => r.FilePath is not null).GroupBy(r => r.FilePath!, StringComparer.Ordinal))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bytes-sent {sent.Key} {sent.Sum(r => r.BytesSent)}"));
}

static long ParseSize(string text)
{
    var units = new (string Suffix, long Factor)[] { ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10), ("G", 1L << 30), ("M", 1L << 20), ("K", 1L << 10), ("B", 1) };
    foreach (var (suffix, factor) in units)
    {
        if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return long.Parse(text[..^suffix.Length], CultureInfo.InvariantCulture) * factor;
        }
    }

    return long.Parse(text, CultureInfo.InvariantCulture);
}
