namespace HFDesk.Core.Analysis;

/// <summary>The <c>gguf</c> block of an analysis.</summary>
public sealed record GgufSummary(
    IReadOnlyList<GgufQuantization> Quantizations,
    IReadOnlyList<GgufQuantization> VisionEncoders,
    IReadOnlyList<string> SideFiles);
