using System.Text.Json.Serialization;

namespace HFDesk.Server.Contracts;

internal sealed record AnalyzeFile(
    string Path,
    string Name,
    string Directory,
    long Size,
    string SizeHuman,
    bool IsLfs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sha256);
