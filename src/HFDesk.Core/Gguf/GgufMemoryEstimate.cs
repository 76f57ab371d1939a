namespace HFDesk.Core.Gguf;

/// <summary>
/// Memory to run a GGUF model the way llama.cpp and LM Studio load it: the weights (every shard, mapped whole),
/// the KV cache at the chosen context (f16 keys and values for every layer and KV head), and a fixed margin for
/// compute buffers and the runtime itself.
/// </summary>
internal static class GgufMemoryEstimate
{
    /// <summary>Compute buffers, scratch and the runtime: what a loaded model costs beyond weights and cache.</summary>
    public const long RuntimeMargin = 512L << 20;

    /// <summary>The context assumed when nobody chose one: LM Studio's default, or less if the model was trained shorter.</summary>
    public const long DefaultContext = 4096;

    // weightBytes: the quant's files (all shards) plus, for a vision model, its mmproj.
    public static long Estimate(long weightBytes, GgufModelShape shape, long context)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return checked(weightBytes + shape.KvCacheBytes(context) + RuntimeMargin);
    }

    public static long DefaultContextFor(GgufModelShape? shape) =>
        shape?.ContextLength is { } trained ? Math.Min(trained, DefaultContext) : DefaultContext;
}
