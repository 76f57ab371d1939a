namespace HFDesk.HubEmulator;

/// <summary>Which requests a fault applies to: a substring of the decoded request path or of the served repo file path, and the port.</summary>
public sealed record FaultScope(string? PathContains = null, RequestOrigin? Origin = null)
{
    public static FaultScope Any { get; } = new();

    public static FaultScope Hub { get; } = new(Origin: RequestOrigin.Hub);

    public static FaultScope Cdn { get; } = new(Origin: RequestOrigin.Cdn);

    public static FaultScope Path(string pathContains, RequestOrigin? origin = null) => new(pathContains, origin);

    internal bool Matches(RequestOrigin origin, string requestPath, string? filePath) =>
        (Origin is null || Origin == origin)
        && (PathContains is null
            || requestPath.Contains(PathContains, StringComparison.Ordinal)
            || (filePath?.Contains(PathContains, StringComparison.Ordinal) ?? false));
}
