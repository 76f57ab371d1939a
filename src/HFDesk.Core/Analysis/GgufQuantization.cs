using HFDesk.Core.Machine;

namespace HFDesk.Core.Analysis;

/// <summary>One quantization (or vision encoder) of a GGUF repo; split shards are one entry.</summary>
internal sealed record GgufQuantization
{
    public required string Name { get; init; }

    public required IReadOnlyList<string> Files { get; init; }

    public long Size { get; init; }

    public int ShardCount { get; init; }

    public int? Quality { get; init; }

    public long EstimatedRam { get; init; }

    public required string Description { get; init; }

    public bool Recommended { get; init; }

    public MemoryFit? Fit { get; init; }
}
