namespace HFDesk.Core.Machine;

/// <summary>
/// The memory a model may use: RAM and VRAM in bytes as measured, or as the <c>hardware</c> setting says.
/// Total RAM, not available RAM, is what counts: what other programs hold now can be freed, and a figure that
/// moves with every browser tab would make the badges flicker.
/// </summary>
public sealed record MemoryBudget(long Ram, long Vram, bool UnifiedMemory)
{
    /// <summary>
    /// The share of unified memory the GPU may wire on Apple silicon (macOS' default working-set limit is about
    /// three quarters of RAM on machines that run models).
    /// </summary>
    public const double UnifiedGpuShare = 0.75;

    public MemoryFit Classify(long requiredBytes)
    {
        if (UnifiedMemory)
        {
            return requiredBytes <= (long)(Ram * UnifiedGpuShare) ? MemoryFit.FullGpu
                : requiredBytes <= Ram ? MemoryFit.PartialGpu
                : MemoryFit.TooLarge;
        }

        if (Vram > 0 && requiredBytes <= Vram)
        {
            return MemoryFit.FullGpu;
        }

        if (Vram > 0 && requiredBytes <= Ram + Vram)
        {
            return MemoryFit.PartialGpu;
        }

        return requiredBytes <= Ram ? MemoryFit.CpuOnly : MemoryFit.TooLarge;
    }
}
