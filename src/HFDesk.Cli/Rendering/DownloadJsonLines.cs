using System.Text.Json;
using HFDesk.Core.Jobs.Execution;

namespace HFDesk.Cli.Rendering;

/// <summary>
/// <c>hfdesk download --json</c>: one JSON object per line, events first, then one summary, written raw (never
/// through Spectre's wrapping) so a script can split on newlines.
/// </summary>
internal sealed class DownloadJsonLines(TextWriter writer) : IDownloadObserver
{
    private readonly Lock _lock = new();

    public void Planned(int files, long totalBytes, string commit, string outputDir) =>
        WriteEvent(new DownloadEventLine("planned") { Path = outputDir, TotalBytes = totalBytes, Files = files, Commit = commit });

    public void PhaseChanged(DownloadPhase phase) =>
        WriteEvent(new DownloadEventLine("phase") { Phase = DownloadEventLine.CamelCase(phase.ToString()) });

    public void FileStarted(string path, long bytesOnDisk, long totalBytes) =>
        WriteEvent(new DownloadEventLine("fileStarted") { Path = path, Bytes = bytesOnDisk, TotalBytes = totalBytes });

    public void FileProgress(string path, long bytesOnDisk, long fetchedBytes, long totalBytes) =>
        WriteEvent(new DownloadEventLine("fileProgress") { Path = path, Bytes = bytesOnDisk, FetchedBytes = fetchedBytes, TotalBytes = totalBytes });

    public void FileVerifying(string path) => WriteEvent(new DownloadEventLine("fileVerifying") { Path = path });

    public void FileCompleted(string path, long totalBytes) =>
        WriteEvent(new DownloadEventLine("fileCompleted") { Path = path, Bytes = totalBytes, TotalBytes = totalBytes });

    public void FileSkipped(string path, long totalBytes) =>
        WriteEvent(new DownloadEventLine("fileSkipped") { Path = path, Bytes = totalBytes, TotalBytes = totalBytes });

    public void FileFailed(string path, string message) => WriteEvent(new DownloadEventLine("fileFailed") { Path = path, Message = message });

    public void Activity(string path, string? message) => WriteEvent(new DownloadEventLine("activity") { Path = path, Message = message });

    public void WriteSummary(DownloadSummary summary) =>
        Write(JsonSerializer.Serialize(summary, DownloadJsonContext.Default.DownloadSummary));

    public void WritePlan(DownloadPlanOutput plan) =>
        Write(JsonSerializer.Serialize(plan, DownloadJsonContext.Default.DownloadPlanOutput));

    private void WriteEvent(DownloadEventLine line) => Write(JsonSerializer.Serialize(line, DownloadJsonContext.Default.DownloadEventLine));

    private void Write(string line)
    {
        lock (_lock)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
