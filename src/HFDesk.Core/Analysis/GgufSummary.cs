using HFDesk.Core.Gguf;

namespace HFDesk.Core.Analysis;

/// <summary>
/// The <c>gguf</c> block of an analysis. <see cref="Shape"/> comes from the model's own header when it could be
/// read; <see cref="Context"/> is the context the estimates assume.
/// </summary>
internal sealed record GgufSummary(
    IReadOnlyList<GgufQuantization> Quantizations,
    IReadOnlyList<GgufQuantization> VisionEncoders,
    IReadOnlyList<string> SideFiles)
{
    public GgufModelShape? Shape { get; init; }

    public long? Context { get; init; }
}
