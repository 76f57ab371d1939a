using HFDesk.Core.Gguf;
using HFDesk.Core.Machine;
using HFDesk.HubEmulator.Content;

namespace HFDesk.Core.Tests.Gguf;

public sealed class GgufMemoryEstimateTests
{
    private const long MiB = 1L << 20;

    [Fact]
    public void Estimate_Llama3_8B_Q4KM_At8K_MatchesHandFigure()
    {
        // 32 layers, 32 heads, 8 KV heads, 4096 wide → head width 128.
        // KV = 2 (K and V) × 32 layers × 8192 tokens × 8 heads × 128 × 2 bytes = 1,073,741,824 (1 GiB).
        var shape = Shape("llama", b => b
            .UInt32("llama.block_count", 32).UInt32("llama.context_length", 8192).UInt32("llama.embedding_length", 4096)
            .UInt32("llama.attention.head_count", 32).UInt32("llama.attention.head_count_kv", 8));

        Assert.Equal(1_073_741_824, shape.KvCacheBytes(8192));
        // 4,920,734,016 weight bytes + 1 GiB KV + 512 MiB margin
        Assert.Equal(6_531_346_752, GgufMemoryEstimate.Estimate(4_920_734_016, shape, 8192));
        Assert.Equal(4096, GgufMemoryEstimate.DefaultContextFor(shape));
    }

    [Fact]
    public void Estimate_Qwen2_05B_Q8_AtDefaultContext_MatchesHandFigure()
    {
        // 24 layers, 14 heads, 2 KV heads, 896 wide → head width 64; trained 32768, default context 4096.
        // KV = 2 × 24 × 4096 × 2 × 64 × 2 bytes = 50,331,648 (48 MiB).
        var shape = Shape("qwen2", b => b
            .UInt32("qwen2.block_count", 24).UInt32("qwen2.context_length", 32768).UInt32("qwen2.embedding_length", 896)
            .UInt32("qwen2.attention.head_count", 14).UInt32("qwen2.attention.head_count_kv", 2));

        var context = GgufMemoryEstimate.DefaultContextFor(shape);

        Assert.Equal(4096, context);
        Assert.Equal(50_331_648, shape.KvCacheBytes(context));
        Assert.Equal(531_068_512 + 50_331_648 + (512 * MiB), GgufMemoryEstimate.Estimate(531_068_512, shape, context));
    }

    [Fact]
    public void Estimate_Gemma2_KeyLengthBeatsEmbeddingOverHeads()
    {
        // gemma2-2b: 26 layers, 2304 wide, 8 heads (2304/8 = 288) but key/value length 256, 4 KV heads.
        // KV at 4096 = 26 × 4 × (256 + 256) × 2 bytes × 4096 = 436,207,616.
        var shape = Shape("gemma2", b => b
            .UInt32("gemma2.block_count", 26).UInt32("gemma2.embedding_length", 2304).UInt32("gemma2.attention.head_count", 8)
            .UInt32("gemma2.attention.head_count_kv", 4).UInt32("gemma2.attention.key_length", 256).UInt32("gemma2.attention.value_length", 256));

        Assert.Equal(436_207_616, shape.KvCacheBytes(4096));
    }

    [Fact]
    public void Shape_PerLayerKvHeads_SumsTheLayers()
    {
        // Per-layer arrays (OpenELM-style): 3 layers with 1, 2 and 3 KV heads, head width 64 → 6 × 128 × 2 bytes per token.
        var shape = Shape("openelm", b => b
            .UInt32("openelm.block_count", 3).UInt32("openelm.embedding_length", 256)
            .UInt32s("openelm.attention.head_count", [4, 4, 4]).UInt32s("openelm.attention.head_count_kv", [1, 2, 3]));

        Assert.Equal(6 * 128 * 2 * 10, shape.KvCacheBytes(10));
    }

    [Fact]
    public void Shape_ProjectorOrLaterShard_HasNoShape()
    {
        Assert.Null(GgufModelShape.FromMetadata(Read(GgufHeaderBuilder.ForFixture("mmproj-F16.gguf"))));
        Assert.Null(GgufModelShape.FromMetadata(Read(GgufHeaderBuilder.ForFixture("BF16/Tiny-Llama-BF16-00002-of-00003.gguf"))));
        var first = GgufModelShape.FromMetadata(Read(GgufHeaderBuilder.ForFixture("BF16/Tiny-Llama-BF16-00001-of-00003.gguf")));
        Assert.Equal(22, first!.BlockCount);
        Assert.Equal(32, first.FileType);
    }

    [Theory]
    [InlineData(8L << 30, 0L, false, 7L << 30, nameof(MemoryFit.CpuOnly))]
    [InlineData(8L << 30, 0L, false, 9L << 30, nameof(MemoryFit.TooLarge))]
    [InlineData(32L << 30, 8L << 30, false, 8L << 30, nameof(MemoryFit.FullGpu))]
    [InlineData(32L << 30, 8L << 30, false, (8L << 30) + 1, nameof(MemoryFit.PartialGpu))]
    [InlineData(32L << 30, 8L << 30, false, (40L << 30) + 1, nameof(MemoryFit.TooLarge))]
    [InlineData(16L << 30, 0L, true, 12L << 30, nameof(MemoryFit.FullGpu))]
    [InlineData(16L << 30, 0L, true, (12L << 30) + 1, nameof(MemoryFit.PartialGpu))]
    [InlineData(16L << 30, 0L, true, (16L << 30) + 1, nameof(MemoryFit.TooLarge))]
    public void Classify_Budget_GivesTheDocumentedFit(long ram, long vram, bool unified, long required, string expected) =>
        Assert.Equal(Enum.Parse<MemoryFit>(expected), new MemoryBudget(ram, vram, unified).Classify(required));

    private static GgufMetadata Read(byte[] bytes) => GgufMetadataReader.Read(bytes, bytes.Length);

    private static GgufModelShape Shape(string arch, Func<GgufHeaderBuilder, GgufHeaderBuilder> keys)
    {
        var bytes = keys(new GgufHeaderBuilder().String("general.architecture", arch)).ToBytes();
        return GgufModelShape.FromMetadata(Read(bytes)) ?? throw new InvalidOperationException("no shape");
    }
}
