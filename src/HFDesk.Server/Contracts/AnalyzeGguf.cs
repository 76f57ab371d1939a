using System.Text.Json.Serialization;

namespace HFDesk.Server.Contracts;

/// <summary>
/// The <c>gguf</c> block: <c>quantizations</c>, <c>vision_encoders</c>, <c>side_files</c>, and from the model's own
/// header (absent when it could not be read) <c>architecture</c>, <c>context_length</c> (trained), <c>context</c>
/// (what the estimates assume), <c>block_count</c>, <c>head_count</c>, <c>head_count_kv</c>, <c>embedding_length</c>.
/// </summary>
internal sealed record AnalyzeGguf(
    IReadOnlyList<AnalyzeGgufQuantization> Quantizations,
    [property: JsonPropertyName("vision_encoders")] IReadOnlyList<AnalyzeGgufQuantization> VisionEncoders,
    [property: JsonPropertyName("side_files")] IReadOnlyList<string> SideFiles)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Architecture { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("context_length")]
    public long? ContextLength { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Context { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("block_count")]
    public long? BlockCount { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("head_count")]
    public long? HeadCount { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("head_count_kv")]
    public long? HeadCountKv { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("embedding_length")]
    public long? EmbeddingLength { get; init; }
}
