namespace HFDesk.Core.Analysis;

/// <summary>What a model-family detector recognized, before the format items are built.</summary>
internal sealed record ModelDetection(RepoKind Kind, string? QuantizationMethod = null, int? QuantizationBits = null, string? AdapterType = null);
