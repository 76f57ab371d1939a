namespace HFDesk.Core.Hub;

/// <summary>A listing of <c>/api/models</c> or <c>/api/datasets</c>; results come back most first (descending).</summary>
internal sealed record HubSearchQuery
{
    public const int MaxLimit = 100;
    public const int DefaultLimit = 40;

    public RepoType Type { get; init; } = RepoType.Model;

    public string? Search { get; init; }

    public string? Author { get; init; }

    /// <summary>Hub tags that must all be present (<c>gguf</c>, <c>license:mit</c>, …).</summary>
    public IReadOnlyList<string> Filters { get; init; } = [];

    public HubSearchSort Sort { get; init; } = HubSearchSort.Downloads;

    public int Limit { get; init; } = DefaultLimit;
}
