using HFDesk.Core.Settings;

namespace HFDesk.Core.Machine;

/// <summary>
/// The memory a model may use: RAM and VRAM in bytes as measured, or as the <c>hardware</c> setting says.
/// Total RAM, not available RAM, is what counts: what other programs hold now can be freed, and a figure that
/// moves with every browser tab would make the badges flicker.
/// </summary>
internal sealed record MemoryBudget(long Ram, long Vram, bool UnifiedMemory)
{
    /// <summary>
    /// The share of unified memory the GPU may wire on Apple silicon (macOS' default working-set limit is about
    /// three quarters of RAM on machines that run models).
    /// </summary>
    public const double UnifiedGpuShare = 0.75;

    /// <summary>The measured machine with the <c>hardware</c> setting's non-null fields laid over it.</summary>
    public static MemoryBudget From(MachineSnapshot measured, HardwareSettings? overrides)
    {
        ArgumentNullException.ThrowIfNull(measured);
        var unified = overrides?.UnifiedMemory ?? measured.UnifiedMemory;
        var ram = overrides?.Ram ?? measured.RamTotal;
        // On unified memory the GPU share is derived from RAM; a measured Apple "VRAM" must not count twice.
        var vram = overrides?.Vram ?? (unified ? 0 : measured.Vram);
        return new MemoryBudget(ram, vram, unified);
    }

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
