namespace HFDesk.Server.Contracts;

public sealed record AnalyzeDiffusers(string? PipelineClass, IReadOnlyList<string> Components, IReadOnlyList<string> Variants);
