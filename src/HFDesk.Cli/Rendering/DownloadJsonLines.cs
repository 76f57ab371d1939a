using System.Text.Json;
using HFDesk.Core.Jobs.Execution;

namespace HFDesk.Cli.Rendering;

/// <summary>
/// <c>hfdesk download --json</c>: one JSON object per line, events first, then one summary, written raw (never
/// through Spectre's wrapping) so a script can split on newlines.
/// </summary>
internal sealed class DownloadJsonLines(TextWriter writer) : IProgress<DownloadEvent>
{
    private readonly Lock _lock = new();

    public void Report(DownloadEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Write(JsonSerializer.Serialize(DownloadEventLine.From(value), DownloadJsonContext.Default.DownloadEventLine));
    }

    public void WriteSummary(DownloadSummary summary) =>
        Write(JsonSerializer.Serialize(summary, DownloadJsonContext.Default.DownloadSummary));

    public void WritePlan(DownloadPlanOutput plan) =>
        Write(JsonSerializer.Serialize(plan, DownloadJsonContext.Default.DownloadPlanOutput));

    private void Write(string line)
    {
        lock (_lock)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
