namespace HFDesk.Core.Analysis;

/// <summary>The <c>dataset</c> block: data file formats, subsets (configs) and splits found in the tree.</summary>
internal sealed record DatasetSummary(IReadOnlyList<string> Formats, IReadOnlyList<string> Subsets, IReadOnlyList<string> Splits);
