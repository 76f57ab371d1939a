using System.Text.Json.Serialization;

namespace HFDesk.Server.Contracts;

internal sealed record AnalyzeRef(string Name, string Ref, [property: JsonPropertyName("target_commit")] string TargetCommit);
