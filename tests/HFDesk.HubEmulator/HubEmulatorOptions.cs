namespace HFDesk.HubEmulator;

public sealed record HubEmulatorOptions
{
    public bool IncludeStandardFixtures { get; init; } = true;

    /// <summary>Entries per page of <c>/tree</c> listings (the real Hub picks its own; clients must follow <c>Link</c>).</summary>
    public int TreePageSize { get; init; } = 50;

    /// <summary>Default and maximum page size of <c>/api/models</c> and <c>/api/datasets</c> searches.</summary>
    public int SearchPageSize { get; init; } = 1000;

    /// <summary>Hub port; null or 0 picks a free one.</summary>
    public int? Port { get; init; }

    /// <summary>CDN port; null or 0 picks a free one.</summary>
    public int? CdnPort { get; init; }
}
