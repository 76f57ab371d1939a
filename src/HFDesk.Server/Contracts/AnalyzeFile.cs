using System.Text.Json.Serialization;

namespace HFDesk.Server.Contracts;

internal sealed record AnalyzeFile(
    string Path,
    string Name,
    string Directory,
    long Size,
    [property: JsonPropertyName("size_human")] string SizeHuman,
    [property: JsonPropertyName("is_lfs")] bool IsLfs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sha256);
