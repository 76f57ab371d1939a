using System.Text.Json.Serialization;

namespace HFDesk.Server.Contracts;

internal sealed record AnalyzeDiffusers([property: JsonPropertyName("pipeline_class")] string? PipelineClass, IReadOnlyList<string> Components, IReadOnlyList<string> Variants);
