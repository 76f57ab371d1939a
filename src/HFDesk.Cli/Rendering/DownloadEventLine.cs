using HFDesk.Core.Jobs.Execution;

namespace HFDesk.Cli.Rendering;

/// <summary>A <see cref="DownloadEvent"/> as one <c>--json</c> line: <c>{"event":"fileProgress","path":…}</c>, names in camelCase.</summary>
internal sealed record DownloadEventLine(
    string Event,
    string? Phase,
    string? Path,
    long? Bytes,
    long? FetchedBytes,
    long? TotalBytes,
    int? Files,
    string? Commit,
    string? Message)
{
    public static DownloadEventLine From(DownloadEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new DownloadEventLine(
            CamelCase(e.Kind.ToString()),
            e.Phase is { } phase ? CamelCase(phase.ToString()) : null,
            e.Path,
            e.Bytes,
            e.FetchedBytes,
            e.TotalBytes,
            e.Files,
            e.Commit,
            e.Message);
    }

    private static string CamelCase(string name) => string.Concat(name[..1].ToLowerInvariant(), name[1..]);
}
