namespace HFDesk.Server.Contracts;

internal sealed record AnalyzeDiffusers(string? PipelineClass, IReadOnlyList<string> Components, IReadOnlyList<string> Variants);
