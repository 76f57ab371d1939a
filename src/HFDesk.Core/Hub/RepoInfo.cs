using System.Text.Json;
using System.Text.Json.Serialization;

namespace HFDesk.Core.Hub;

/// <summary>
/// A repository as <c>/api/{models|datasets}/{id}</c> and the search listing describe it. Search items carry
/// only the expanded fields, so everything but <see cref="Id"/> may be missing.
/// </summary>
internal sealed record RepoInfo
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("author")]
    public string? Author { get; init; }

    /// <summary>40-hex commit of the revision asked for (absent from search items).</summary>
    [JsonPropertyName("sha")]
    public string? Sha { get; init; }

    [JsonPropertyName("private")]
    public bool Private { get; init; }

    /// <summary>Null when not gated, else the Hub's mode (<c>auto</c> or <c>manual</c>).</summary>
    [JsonPropertyName("gated")]
    [JsonConverter(typeof(HubGatedConverter))]
    public string? Gated { get; init; }

    [JsonPropertyName("disabled")]
    public bool Disabled { get; init; }

    [JsonPropertyName("downloads")]
    public long Downloads { get; init; }

    [JsonPropertyName("likes")]
    public long Likes { get; init; }

    [JsonPropertyName("trendingScore")]
    public double? TrendingScore { get; init; }

    [JsonPropertyName("lastModified")]
    public DateTimeOffset? LastModified { get; init; }

    [JsonPropertyName("createdAt")]
    public DateTimeOffset? CreatedAt { get; init; }

    // A Hub (or mirror) that sends "tags": null or [null] must not reach the detectors as null (issue 12: a 500).
    [JsonPropertyName("tags")]
    public IReadOnlyList<string> Tags { get; init => field = value?.Where(t => t is not null).ToList() ?? []; } = [];

    [JsonPropertyName("pipeline_tag")]
    public string? PipelineTag { get; init; }

    [JsonPropertyName("library_name")]
    public string? LibraryName { get; init; }

    [JsonPropertyName("cardData")]
    public JsonElement? CardData { get; init; }

    /// <summary>Parameter counts the Hub read from the weights' headers (expand <c>safetensors</c>, <c>gguf</c>).</summary>
    [JsonPropertyName("safetensors")]
    public RepoWeightsSummary? Safetensors { get; init; }

    [JsonPropertyName("gguf")]
    public RepoWeightsSummary? Gguf { get; init; }

    [JsonPropertyName("siblings")]
    public IReadOnlyList<RepoSibling> Siblings { get; init => field = value?.Where(s => s?.Path is not null).ToList() ?? []; } = [];

    /// <summary>Set by the client, not the Hub: the JSON does not say which kind of repo it describes.</summary>
    [JsonIgnore]
    public RepoType Type { get; init; }

    [JsonIgnore]
    public bool IsGated => Gated is not null;

    /// <summary>The model's parameter count when the Hub knows it (safetensors first: GGUF counts may be of a quantized copy).</summary>
    [JsonIgnore]
    public long? ParameterCount => Safetensors?.Total ?? Gguf?.Total;
}
