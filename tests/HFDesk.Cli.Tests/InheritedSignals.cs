using System.Globalization;

namespace HFDesk.Cli.Tests;

/// <summary>
/// Signal dispositions the test process inherited and hands on to the hfdesk processes it starts. A test run started
/// in the background of a non-interactive shell (<c>cmd &amp;</c>) ignores SIGINT, and so do its children: a Ctrl-C
/// test there would watch the download finish and report a bug hfdesk does not have.
/// </summary>
internal static class InheritedSignals
{
    private const int Sigint = 2;

    public static bool SigintIgnored { get; } = Ignored(Sigint);

    public const string SigintIgnoredReason = "this test run ignores SIGINT (started in the background of a shell), and so would the hfdesk it starts";

    private static bool Ignored(int signal)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null
            && ulong.TryParse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask)
            && (mask & (1UL << (signal - 1))) != 0;
    }
}
