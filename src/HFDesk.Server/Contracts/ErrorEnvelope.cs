using System.Text.Json.Serialization;

namespace HFDesk.Server.Contracts;

/// <summary>
/// The body of every non-2xx answer under /api: a flat <c>error</c> sentence (legacy clients) and the structured
/// <c>error_detail</c>. <c>details</c> is optional and never a stack trace or a token.
/// </summary>
internal sealed record ErrorEnvelope(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("details"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Details,
    [property: JsonPropertyName("error_detail")] ErrorDetail ErrorDetail)
{
    [JsonPropertyName("ok")]
    [JsonPropertyOrder(-1)]
    public bool Ok { get; init; }

    public static ErrorEnvelope Create(string code, string message, string? details = null) =>
        new(message, details, new ErrorDetail(code, message, details));
}
