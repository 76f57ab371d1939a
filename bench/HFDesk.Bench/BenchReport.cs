using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace HFDesk.Bench;

/// <summary>The Markdown table the README carries: medians per tool and HFDesk's ratio to each peer.</summary>
internal static class BenchReport
{
    public static string Render(IReadOnlyList<BenchRow> rows, int rounds, Uri endpoint, string hfdeskBuild)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}; emulator on {endpoint.Host} (loopback); medians of {rounds} round(s); HFDesk {hfdeskBuild}.");
        text.AppendLine("re-read MB: bytes HFDesk's SHA-256 had to read back from the page cache because they arrived ahead of the hashed prefix (other connections' chunks).");
        text.AppendLine();
        text.AppendLine("| scenario | tool | wall s | MB/s | CPU s | CPU s/GB | peak MB | re-read MB | HFDesk/peer wall | HFDesk/peer CPU |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in rows.GroupBy(r => r.Scenario))
        {
            // The first tool of a scenario is the HFDesk path the targets are about; ratios are against it.
            var hfdesk = group.First();
            foreach (var row in group)
            {
                var m = row.Median;
                var bytes = (double)row.Scenario.TotalBytes;
                var ratioWall = row == hfdesk ? "" : (hfdesk.Median.WallSeconds / m.WallSeconds).ToString("0.00", inv) + "×";
                var ratioCpu = row == hfdesk ? "" : (hfdesk.Median.CpuSeconds / Math.Max(0.001, m.CpuSeconds)).ToString("0.00", inv) + "×";
                text.AppendLine(inv,
                    $"| {row.Scenario.Name}: {row.Scenario.Description} | {row.Tool} | {m.WallSeconds:0.00} | {bytes / 1e6 / m.WallSeconds:0.0} | {m.CpuSeconds:0.00} | {m.CpuSeconds / (bytes / 1e9):0.00} | {m.PeakRssBytes / 1e6:0} | {(row.BytesRehashed is { } rehashed ? (rehashed / 1e6).ToString("0", inv) : "")} | {ratioWall} | {ratioCpu} |");
            }
        }

        return text.ToString();
    }
}
