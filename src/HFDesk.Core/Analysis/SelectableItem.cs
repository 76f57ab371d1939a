using HFDesk.Core.Machine;

namespace HFDesk.Core.Analysis;

/// <summary>
/// One thing a user can tick in the analyze view (a quantization, a format, a component, a split…).
/// <see cref="FilterValue"/> is what goes into <c>filters</c> to download it.
/// </summary>
internal sealed record SelectableItem
{
    public required string Id { get; init; }

    public required string Label { get; init; }

    public required string FilterValue { get; init; }

    public required string Category { get; init; }

    public bool Recommended { get; init; }

    public required IReadOnlyList<string> Files { get; init; }

    public long Size { get; init; }

    public int? Quality { get; init; }

    public long? EstimatedRam { get; init; }

    public string? Description { get; init; }

    /// <summary>How the item would run on this machine (GGUF quants, when the machine is known).</summary>
    public MemoryFit? Fit { get; init; }
}
