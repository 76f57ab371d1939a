using System.Buffers.Binary;
using HFDesk.Core.Gguf;
using HFDesk.HubEmulator.Content;

namespace HFDesk.Core.Tests.Gguf;

public sealed class GgufMetadataReaderTests
{
    [Fact]
    public void Read_HandWrittenV3Header_ReadsCountsAndKey()
    {
        // magic, version 3, 2 tensors, 1 key: "general.architecture" (20 bytes) = STRING "llama"
        byte[] bytes =
        [
            0x47, 0x47, 0x55, 0x46, 0x03, 0, 0, 0, 0x02, 0, 0, 0, 0, 0, 0, 0, 0x01, 0, 0, 0, 0, 0, 0, 0,
            0x14, 0, 0, 0, 0, 0, 0, 0, .. "general.architecture"u8, 0x08, 0, 0, 0,
            0x05, 0, 0, 0, 0, 0, 0, 0, .. "llama"u8,
        ];

        var metadata = GgufMetadataReader.Read(bytes, bytes.Length);

        Assert.Equal(GgufReadStatus.Complete, metadata.Status);
        Assert.Equal(3u, metadata.Version);
        Assert.Equal(2, metadata.TensorCount);
        Assert.Equal("llama", metadata.Architecture);
    }

    [Fact]
    public void Read_BigEndianHeader_ReadsValues()
    {
        byte[] bytes =
        [
            0x47, 0x47, 0x55, 0x46, 0, 0, 0, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
            0, 0, 0, 0, 0, 0, 0, 0x11, .. "llama.block_count"u8, 0, 0, 0, 0x04, 0, 0, 0, 0x20,
        ];

        var metadata = GgufMetadataReader.Read(bytes, bytes.Length);

        Assert.Equal(GgufReadStatus.Complete, metadata.Status);
        Assert.Equal(32, metadata.Get("llama.block_count")!.AsInt64());
    }

    [Fact]
    public void Read_EveryValueType_RoundTrips()
    {
        byte[][] nested =
        [
            GgufHeaderBuilder.ArrayBody(4, [[1, 0, 0, 0], [2, 0, 0, 0]]),
            GgufHeaderBuilder.ArrayBody(4, [[3, 0, 0, 0]]),
        ];
        var bytes = new GgufHeaderBuilder()
            .UInt8("u8", 200).Int8("i8", -100).UInt16("u16", 65000).Int16("i16", -32000)
            .UInt32("u32", 4_000_000_000).Int32("i32", -2_000_000_000).Float32("f32", 1.5f).Bool("yes", true).Bool("no", false)
            .String("s", "héllo").UInt64("u64", ulong.MaxValue).Int64("i64", long.MinValue).Float64("f64", -2.25)
            .Strings("tokens", ["a", "bb", ""]).UInt32s("empty", [])
            .Array("nested", 9, nested)
            .ToBytes(tensorCount: 7);

        var metadata = GgufMetadataReader.Read(bytes, bytes.Length);

        Assert.Equal(GgufReadStatus.Complete, metadata.Status);
        Assert.Equal(16, metadata.KeyCount);
        Assert.Equal(200, metadata.Get("u8")!.AsInt64());
        Assert.Equal(-100, metadata.Get("i8")!.AsInt64());
        Assert.Equal(65000, metadata.Get("u16")!.AsInt64());
        Assert.Equal(-32000, metadata.Get("i16")!.AsInt64());
        Assert.Equal(4_000_000_000, metadata.Get("u32")!.AsInt64());
        Assert.Equal(-2_000_000_000, metadata.Get("i32")!.AsInt64());
        Assert.Equal(1.5, metadata.Get("f32")!.AsDouble());
        Assert.True(metadata.Get("yes")!.AsBool());
        Assert.False(metadata.Get("no")!.AsBool());
        Assert.Equal("héllo", metadata.Get("s")!.AsString());
        Assert.Equal(ulong.MaxValue, metadata.Get("u64")!.Scalar);
        Assert.Null(metadata.Get("u64")!.AsInt64());
        Assert.Equal(long.MinValue, metadata.Get("i64")!.AsInt64());
        Assert.Equal(-2.25, metadata.Get("f64")!.AsDouble());
        Assert.Equal(["a", "bb", ""], metadata.Get("tokens")!.Items.Select(i => i.AsString()));
        Assert.Equal(0, metadata.Get("empty")!.Count);
        var outer = metadata.Get("nested")!;
        Assert.Equal(GgufValueType.Array, outer.ElementType);
        Assert.Equal([[1L, 2L], [3L]], outer.Items.Select(inner => inner.Items.Select(i => i.AsInt64()!.Value).ToArray()).ToArray());
    }

    [Fact]
    public void Read_V2Header_Accepted_V1AndBadMagicRefused()
    {
        var v2 = new GgufHeaderBuilder().String("general.architecture", "qwen2").ToBytes(version: 2);
        Assert.Equal("qwen2", GgufMetadataReader.Read(v2, v2.Length).Architecture);

        var v1 = new GgufHeaderBuilder().String("general.architecture", "llama").ToBytes(version: 1);
        Assert.Equal(GgufReadStatus.Invalid, GgufMetadataReader.Read(v1, v1.Length).Status);

        var notGguf = "GGML\u0003\0\0\0"u8.ToArray();
        Assert.Equal(GgufReadStatus.Invalid, GgufMetadataReader.Read(notGguf, notGguf.Length).Status);
    }

    [Fact]
    public void Read_EveryTruncation_PartialWhenTheFileGoesOnInvalidWhenItEnds()
    {
        var bytes = GgufHeaderBuilder.ForFixture("Tiny-Llama-Q4_K_M.gguf");
        var tried = 0;
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            var prefix = bytes.AsSpan(0, cut);
            var more = GgufMetadataReader.Read(prefix, fileLength: bytes.Length + 1000);
            var ended = GgufMetadataReader.Read(prefix, fileLength: cut);
            Assert.True(cut < 4 || more.Status == GgufReadStatus.Partial, $"cut at {cut}: {more.Status} {more.Error}");
            Assert.Equal(GgufReadStatus.Invalid, ended.Status);
            tried++;
        }

        Assert.Equal(GgufReadStatus.Complete, GgufMetadataReader.Read(bytes, bytes.Length).Status);
        Assert.True(tried > 300, $"only {tried} cuts tried");
    }

    [Fact]
    public void Read_PartialHeader_KeepsTheKeysBeforeTheCut()
    {
        var bytes = GgufHeaderBuilder.ForFixture("Tiny-Llama-Q4_K_M.gguf");
        var cutInTokenizer = bytes.Length - 20;

        var metadata = GgufMetadataReader.Read(bytes.AsSpan(0, cutInTokenizer), fileLength: 10_000_000);

        Assert.Equal(GgufReadStatus.Partial, metadata.Status);
        Assert.Equal(22, metadata.GetArchitectureInt64("block_count"));
        Assert.NotNull(GgufModelShape.FromMetadata(metadata));
    }

    public static TheoryData<string, byte[]> HostileHeaders => new()
    {
        { "string of 2^60 bytes", Header(keyCount: 1, [.. Le64(1UL << 60), .. "x"u8]) },
        { "key count of 2^62", Header(keyCount: 1UL << 62, []) },
        { "tensor count beyond the file", HeaderWithTensors(1UL << 40) },
        { "array of 2^62 uint64", Header(keyCount: 1, [.. Key("a"), .. Le32(9), .. Le32(10), .. Le64(1UL << 62)]) },
        { "array of 2^40 strings", Header(keyCount: 1, [.. Key("a"), .. Le32(9), .. Le32(8), .. Le64(1UL << 40)]) },
        { "arrays nested 8 deep", Header(keyCount: 1, [.. Key("a"), .. Nested(8)]) },
        { "unknown value type 13", Header(keyCount: 1, [.. Key("a"), .. Le32(13), 0, 0, 0, 0]) },
        { "unknown array element type", Header(keyCount: 1, [.. Key("a"), .. Le32(9), .. Le32(99), .. Le64(1), 0]) },
        { "bool holding 7", Header(keyCount: 1, [.. Key("a"), .. Le32(7), 7]) },
        { "version 4", [.. "GGUF"u8, .. Le32(4), .. Le64(0), .. Le64(0)] },
    };

    [Theory]
    [MemberData(nameof(HostileHeaders))]
    public void Read_HostileHeader_RefusedWithoutAllocatingWhatItClaims(string what, byte[] bytes)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();

        var metadata = GgufMetadataReader.Read(bytes, fileLength: 1 << 20);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(metadata.Status == GgufReadStatus.Invalid, $"{what}: {metadata.Status}");
        Assert.False(string.IsNullOrEmpty(metadata.Error));
        Assert.True(allocated < 1 << 20, $"{what}: allocated {allocated} bytes");
    }

    private static byte[] Header(ulong keyCount, byte[] body) => [.. "GGUF"u8, .. Le32(3), .. Le64(0), .. Le64(keyCount), .. body];

    private static byte[] HeaderWithTensors(ulong tensors) => [.. "GGUF"u8, .. Le32(3), .. Le64(tensors), .. Le64(0)];

    private static byte[] Key(string key) => GgufHeaderBuilder.StringBytes(key);

    // An ARRAY of ARRAY of … one level per depth, each holding one item.
    private static byte[] Nested(int depth)
    {
        byte[] value = [.. Le32(4), .. Le64(0)];
        for (var i = 0; i < depth; i++)
        {
            value = [.. Le32(9), .. Le64(1), .. value];
        }

        return [.. Le32(9), .. value];
    }

    private static byte[] Le32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Le64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes;
    }
}
