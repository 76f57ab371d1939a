namespace HFDesk.Server.Contracts;

/// <summary>The body of <c>POST /api/plan</c> and <c>POST /api/download</c> (api.md); unknown fields are ignored.</summary>
internal sealed record DownloadRequestBody
{
    public string? Repo { get; init; }

    public string? Revision { get; init; }

    public bool Dataset { get; init; }

    public IReadOnlyList<string?>? Filters { get; init; }

    public IReadOnlyList<string?>? Excludes { get; init; }

    public bool ExactMatch { get; init; }

    /// <summary>Analyzer item ids (<c>q4_k_m</c>, <c>mmproj-f16</c>), expanded server-side with their companion files.</summary>
    public IReadOnlyList<string?>? Items { get; init; }

    /// <summary>Honoured only when the server allows request-chosen folders, and only inside an allowed root.</summary>
    public string? LocalDir { get; init; }
}
