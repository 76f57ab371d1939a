using System.Text.Json.Serialization;

namespace HFDesk.Server.Contracts;

internal sealed record AnalyzeGgufQuantization
{
    public required string Name { get; init; }

    public required IReadOnlyList<string> Files { get; init; }

    public long Size { get; init; }

    [JsonPropertyName("size_human")]
    public required string SizeHuman { get; init; }

    [JsonPropertyName("shard_count")]
    public int ShardCount { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Quality { get; init; }

    [JsonPropertyName("estimated_ram")]
    public long EstimatedRam { get; init; }

    [JsonPropertyName("estimated_ram_human")]
    public required string EstimatedRamHuman { get; init; }

    public required string Description { get; init; }

    public bool Recommended { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Fit { get; init; }
}
