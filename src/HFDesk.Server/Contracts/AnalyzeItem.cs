using System.Text.Json.Serialization;

namespace HFDesk.Server.Contracts;

/// <summary>One entry of <c>selectable_items</c>; quality, RAM and description appear where they apply.</summary>
internal sealed record AnalyzeItem
{
    public required string Id { get; init; }

    public required string Label { get; init; }

    [JsonPropertyName("filter_value")]
    public required string FilterValue { get; init; }

    public bool Recommended { get; init; }

    public required IReadOnlyList<string> Files { get; init; }

    public long Size { get; init; }

    [JsonPropertyName("size_human")]
    public required string SizeHuman { get; init; }

    public required string Category { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Quality { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("estimated_ram")]
    public long? EstimatedRam { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("estimated_ram_human")]
    public string? EstimatedRamHuman { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    /// <summary><c>full_gpu</c>, <c>partial_gpu</c>, <c>cpu_only</c> or <c>too_large</c> (GGUF quants).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Fit { get; init; }
}
