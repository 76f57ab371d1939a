namespace HFDesk.Server.Contracts;

/// <summary>One entry of <c>GET /api/cache</c> (api.md Cache entry).</summary>
internal record CacheEntryResponse
{
    public required string Repo { get; init; }

    public required string Owner { get; init; }

    public required string Name { get; init; }

    /// <summary><c>model</c> or <c>dataset</c>.</summary>
    public required string Type { get; init; }

    /// <summary><c>HF cache</c>, <c>Friendly view</c> or <c>Local</c>.</summary>
    public required string Source { get; init; }

    public required string Path { get; init; }

    public string? FriendlyPath { get; init; }

    public long Size { get; init; }

    public required string SizeHuman { get; init; }

    public int FileCount { get; init; }

    public string? Branch { get; init; }

    public string? Commit { get; init; }

    public DateTimeOffset? Downloaded { get; init; }

    /// <summary><c>complete</c>, <c>filtered</c> or <c>unknown</c>.</summary>
    public required string DownloadStatus { get; init; }

    public CacheManifestResponse? Manifest { get; init; }

    public required IReadOnlyList<string> Quantizations { get; init; }

    public int IncompleteFiles { get; init; }

    public required IReadOnlyList<string> Warnings { get; init; }
}
