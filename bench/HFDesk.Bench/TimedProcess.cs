using System.Diagnostics;
using System.Globalization;

namespace HFDesk.Bench;

/// <summary>
/// Runs a command under GNU time, which reports the child's own wall time, user+system CPU and max RSS (getrusage of
/// the waited-for child), so the in-process emulator's work is never counted against the tool being measured.
/// </summary>
internal static class TimedProcess
{
    private const string GnuTime = "/usr/bin/time";

    public static bool Available => File.Exists(GnuTime);

    public static async Task<Measurement> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var report = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo(GnuTime)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["-f", "%e %U %S %M", "-o", report, fileName, .. arguments])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {fileName}");
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"{fileName} exited with {process.ExitCode}: {await stderr}{await stdout}".Trim());
            }

            var cells = (await File.ReadAllTextAsync(report, cancellationToken)).Trim().Split(' ');
            double Cell(int i) => double.Parse(cells[i], CultureInfo.InvariantCulture);
            return new Measurement(Cell(0), Cell(1) + Cell(2), (long)Cell(3) * 1024, await stdout);
        }
        finally
        {
            File.Delete(report);
        }
    }
}
