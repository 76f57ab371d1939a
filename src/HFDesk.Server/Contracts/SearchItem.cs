namespace HFDesk.Server.Contracts;

internal sealed record SearchItem(
    string Id,
    string? Author,
    long Downloads,
    long Likes,
    double? TrendingScore,
    DateTimeOffset? LastModified,
    DateTimeOffset? CreatedAt,
    bool Private,
    bool Gated,
    string? PipelineTag,
    string? LibraryName,
    IReadOnlyList<string> Tags,
    bool IsDataset,
    LocalBadge Local,
    long? Parameters,
    IReadOnlyList<string> Formats);
