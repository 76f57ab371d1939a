namespace HFDesk.Cli.Rendering;

/// <summary>One <c>--json</c> event line: <c>{"event":"fileProgress","path":…}</c>, names in camelCase; absent fields stay null.</summary>
internal sealed record DownloadEventLine(string Event)
{
    public string? Phase { get; init; }

    public string? Path { get; init; }

    public long? Bytes { get; init; }

    public long? FetchedBytes { get; init; }

    public long? TotalBytes { get; init; }

    public int? Files { get; init; }

    public string? Commit { get; init; }

    public string? Message { get; init; }

    public static string CamelCase(string name) => string.Concat(name[..1].ToLowerInvariant(), name[1..]);
}
