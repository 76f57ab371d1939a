using System.Text.Json.Serialization;

namespace HFDesk.Server.Contracts;

/// <summary>
/// The <c>gguf</c> block: <c>quantizations</c>, <c>vision_encoders</c>, <c>side_files</c>, and from the model's own
/// header (absent when it could not be read) <c>architecture</c>, <c>context_length</c> (trained), <c>context</c>
/// (what the estimates assume), <c>block_count</c>, <c>head_count</c>, <c>head_count_kv</c>, <c>embedding_length</c>.
/// </summary>
internal sealed record AnalyzeGguf(
    IReadOnlyList<AnalyzeGgufQuantization> Quantizations,
    IReadOnlyList<AnalyzeGgufQuantization> VisionEncoders,
    IReadOnlyList<string> SideFiles)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Architecture { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ContextLength { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Context { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? BlockCount { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? HeadCount { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? HeadCountKv { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? EmbeddingLength { get; init; }
}
