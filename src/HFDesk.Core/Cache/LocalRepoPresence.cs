namespace HFDesk.Core.Cache;

/// <param name="Present">True when any source holds files of the repo.</param>
/// <param name="Sources">Where: <c>HF cache</c>, <c>Friendly view</c>, <c>Local</c>.</param>
/// <param name="DownloadStatus"><c>complete</c>, <c>filtered</c> or <c>unknown</c>; null when not present.</param>
internal sealed record LocalRepoPresence(bool Present, IReadOnlyList<string> Sources, string? DownloadStatus)
{
    public static LocalRepoPresence Absent { get; } = new(false, [], null);
}
