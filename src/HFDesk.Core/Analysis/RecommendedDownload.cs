namespace HFDesk.Core.Analysis;

/// <summary>
/// A ready-to-send <c>POST /api/download</c> body: only fields that differ from the defaults are set
/// (null revision = main, empty lists = none, false flags = off).
/// </summary>
internal sealed record RecommendedDownload
{
    public required string Repo { get; init; }

    public string? Revision { get; init; }

    public bool Dataset { get; init; }

    public IReadOnlyList<string> Filters { get; init; } = [];

    public IReadOnlyList<string> Excludes { get; init; } = [];

    public bool ExactMatch { get; init; }
}
