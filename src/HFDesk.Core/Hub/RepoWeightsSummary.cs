using System.Text.Json.Serialization;

namespace HFDesk.Core.Hub;

/// <summary>The Hub's <c>safetensors</c> or <c>gguf</c> info block, of which search cards need only the parameter count.</summary>
internal sealed record RepoWeightsSummary
{
    [JsonPropertyName("total")]
    public long? Total { get; init; }
}
