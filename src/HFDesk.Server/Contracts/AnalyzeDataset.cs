namespace HFDesk.Server.Contracts;

public sealed record AnalyzeDataset(IReadOnlyList<string> Formats, IReadOnlyList<string> Subsets, IReadOnlyList<string> Splits);
