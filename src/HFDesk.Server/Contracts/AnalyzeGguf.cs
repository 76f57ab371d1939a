namespace HFDesk.Server.Contracts;

/// <summary>The <c>gguf</c> block: <c>quantizations</c>, <c>vision_encoders</c>, <c>side_files</c>.</summary>
public sealed record AnalyzeGguf(
    IReadOnlyList<AnalyzeGgufQuantization> Quantizations,
    IReadOnlyList<AnalyzeGgufQuantization> VisionEncoders,
    IReadOnlyList<string> SideFiles);
