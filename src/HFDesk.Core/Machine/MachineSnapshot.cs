namespace HFDesk.Core.Machine;

/// <summary>What <see cref="MachineProbe"/> measured: the answer of <c>GET /api/system</c>.</summary>
internal sealed record MachineSnapshot
{
    public required long RamTotal { get; init; }

    public long? RamAvailable { get; init; }

    public required IReadOnlyList<GpuInfo> Gpus { get; init; }

    /// <summary>CPU and GPU share one memory (Apple silicon): the GPU's budget is part of RAM.</summary>
    public bool UnifiedMemory { get; init; }

    /// <summary><c>linux</c>, <c>windows</c>, <c>macos</c> or <c>other</c>.</summary>
    public required string Os { get; init; }

    /// <summary>The process architecture as .NET names it, lower case (<c>x64</c>, <c>arm64</c>).</summary>
    public required string Arch { get; init; }

    public long Vram => Gpus.Sum(g => g.Vram ?? 0);
}
