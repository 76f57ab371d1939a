namespace HFDesk.Core.Mirror;

/// <summary>The exact work of one push or pull; a dry run returns it, a run executes it and nothing else.</summary>
internal sealed record MirrorPlan(
    MirrorDirection Direction,
    MirrorTarget Target,
    string SourceHub,
    string DestinationHub,
    bool DestinationSymlinks,
    IReadOnlyList<MirrorRepoPlan> Repos,
    IReadOnlyList<MirrorDeletion> Deletions,
    IReadOnlyList<string> Skipped)
{
    public int TotalFiles => Repos.Sum(r => r.Files);

    public long TotalBytes => Repos.Sum(r => r.Bytes);
}
