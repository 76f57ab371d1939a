namespace HFDesk.Core.Gguf;

/// <summary>
/// The figures of a GGUF model that decide how much memory it needs beyond its weights, read from the
/// <c>{architecture}.…</c> keys llama.cpp writes.
/// </summary>
internal sealed record GgufModelShape
{
    public required string Architecture { get; init; }

    public required long BlockCount { get; init; }

    /// <summary>The context the model was trained for (<c>{arch}.context_length</c>), when the header says.</summary>
    public long? ContextLength { get; init; }

    public long? EmbeddingLength { get; init; }

    public required long HeadCount { get; init; }

    /// <summary>KV heads of each layer (one entry per block; models with per-layer counts have differing ones).</summary>
    public required IReadOnlyList<long> HeadCountKvPerLayer { get; init; }

    /// <summary>Width of one key head (<c>attention.key_length</c>, else embedding ÷ heads).</summary>
    public required long KeyLength { get; init; }

    public required long ValueLength { get; init; }

    /// <summary><c>general.file_type</c>: llama.cpp's numbering of the quantization (15 = Q4_K_M…).</summary>
    public long? FileType { get; init; }

    public long HeadCountKv => HeadCountKvPerLayer.Count == 0 ? 0 : HeadCountKvPerLayer.Max();

    /// <summary>
    /// The KV cache at <paramref name="context"/> tokens: for every layer, keys and values of every KV head,
    /// <paramref name="bytesPerElement"/> each (2 for llama.cpp's default f16 cache).
    /// </summary>
    public long KvCacheBytes(long context, int bytesPerElement = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(context);
        long perToken = 0;
        foreach (var kvHeads in HeadCountKvPerLayer)
        {
            perToken = checked(perToken + (kvHeads * (KeyLength + ValueLength)));
        }

        return checked(perToken * bytesPerElement * context);
    }

    /// <summary>The shape, or null when the header lacks what the estimate needs (an mmproj, a truncated header).</summary>
    public static GgufModelShape? FromMetadata(GgufMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.Architecture is not { Length: > 0 } arch
            || metadata.GetArchitectureInt64("block_count") is not { } blocks
            || blocks is <= 0 or > 100_000
            || PerLayer(metadata.Get($"{arch}.attention.head_count"), blocks) is not { } heads
            || heads.Max() <= 0)
        {
            return null;
        }

        var embedding = metadata.GetArchitectureInt64("embedding_length");
        var headCount = heads.Max();
        var defaultWidth = embedding is > 0 ? embedding.Value / headCount : 0;
        var keyLength = metadata.GetArchitectureInt64("attention.key_length") ?? defaultWidth;
        var valueLength = metadata.GetArchitectureInt64("attention.value_length") ?? keyLength;
        if (keyLength is <= 0 or > 1_000_000 || valueLength is <= 0 or > 1_000_000)
        {
            return null;
        }

        // Without head_count_kv a model has plain multi-head attention: as many KV heads as heads.
        var kvHeads = PerLayer(metadata.Get($"{arch}.attention.head_count_kv"), blocks) ?? heads;
        if (kvHeads.Any(h => h is < 0 or > 1_000_000))
        {
            return null;
        }

        return new GgufModelShape
        {
            Architecture = arch,
            BlockCount = blocks,
            ContextLength = metadata.GetArchitectureInt64("context_length") is { } context and > 0 ? context : null,
            EmbeddingLength = embedding,
            HeadCount = headCount,
            HeadCountKvPerLayer = kvHeads,
            KeyLength = keyLength,
            ValueLength = valueLength,
            FileType = metadata.Get("general.file_type")?.AsInt64(),
        };
    }

    // Some architectures store a per-layer array where most store one number; both become one entry per layer.
    private static long[]? PerLayer(GgufValue? value, long blocks)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Type != GgufValueType.Array)
        {
            return value.AsInt64() is { } single ? [.. Enumerable.Repeat(single, (int)blocks)] : null;
        }

        if (value.Count != blocks || value.Items.Count != blocks)
        {
            return null;
        }

        var layers = value.Items.Select(i => i.AsInt64()).ToArray();
        return layers.Any(l => l is null) ? null : [.. layers.Select(l => l!.Value)];
    }
}
