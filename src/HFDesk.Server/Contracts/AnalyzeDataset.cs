namespace HFDesk.Server.Contracts;

internal sealed record AnalyzeDataset(IReadOnlyList<string> Formats, IReadOnlyList<string> Subsets, IReadOnlyList<string> Splits);
