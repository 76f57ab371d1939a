namespace HFDesk.Core.Analysis;

/// <summary>The <c>diffusers</c> block: pipeline class from model_index.json, its components and weight variants.</summary>
internal sealed record DiffusersSummary(string? PipelineClass, IReadOnlyList<string> Components, IReadOnlyList<string> Variants);
