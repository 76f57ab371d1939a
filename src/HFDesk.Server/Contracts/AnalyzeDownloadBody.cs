using System.Text.Json.Serialization;

namespace HFDesk.Server.Contracts;

/// <summary>
/// <c>recommended_download</c>: a body for <c>POST /api/download</c>, so it keeps that endpoint's camelCase
/// names inside the snake_case analyze answer. Fields equal to the defaults are left out.
/// </summary>
internal sealed record AnalyzeDownloadBody
{
    [JsonPropertyName("repo")]
    public required string Repo { get; init; }

    [JsonPropertyName("revision")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Revision { get; init; }

    [JsonPropertyName("dataset")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Dataset { get; init; }

    [JsonPropertyName("filters")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Filters { get; init; }

    [JsonPropertyName("excludes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Excludes { get; init; }

    [JsonPropertyName("exactMatch")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ExactMatch { get; init; }
}
