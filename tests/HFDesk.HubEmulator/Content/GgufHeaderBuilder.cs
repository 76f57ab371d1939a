using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HFDesk.HubEmulator.Content;

/// <summary>
/// Writes the start of a GGUF file as llama.cpp does: magic, version, tensor count, key count and the
/// metadata keys (little-endian). Fixture .gguf files start with such a header; tests also use it to build
/// headers of every value type. Type codes are the GGUF specification's (0 = UINT8 … 12 = FLOAT64).
/// </summary>
#pragma warning disable CA1720 // Method names are the GGUF specification's type names (GGUF_TYPE_UINT8…).
public sealed partial class GgufHeaderBuilder
{
    private readonly List<(string Key, byte[] Value)> _entries = [];

    public GgufHeaderBuilder UInt8(string key, byte value) => Add(key, 0, [value]);

    public GgufHeaderBuilder Int8(string key, sbyte value) => Add(key, 1, [unchecked((byte)value)]);

    public GgufHeaderBuilder UInt16(string key, ushort value) => Add(key, 2, Le(b => BinaryPrimitives.WriteUInt16LittleEndian(b, value), 2));

    public GgufHeaderBuilder Int16(string key, short value) => Add(key, 3, Le(b => BinaryPrimitives.WriteInt16LittleEndian(b, value), 2));

    public GgufHeaderBuilder UInt32(string key, uint value) => Add(key, 4, Le(b => BinaryPrimitives.WriteUInt32LittleEndian(b, value), 4));

    public GgufHeaderBuilder Int32(string key, int value) => Add(key, 5, Le(b => BinaryPrimitives.WriteInt32LittleEndian(b, value), 4));

    public GgufHeaderBuilder Float32(string key, float value) => Add(key, 6, Le(b => BinaryPrimitives.WriteSingleLittleEndian(b, value), 4));

    public GgufHeaderBuilder Bool(string key, bool value) => Add(key, 7, [value ? (byte)1 : (byte)0]);

    public GgufHeaderBuilder String(string key, string value) => Add(key, 8, StringBytes(value));

    public GgufHeaderBuilder UInt64(string key, ulong value) => Add(key, 10, Le(b => BinaryPrimitives.WriteUInt64LittleEndian(b, value), 8));

    public GgufHeaderBuilder Int64(string key, long value) => Add(key, 11, Le(b => BinaryPrimitives.WriteInt64LittleEndian(b, value), 8));

    public GgufHeaderBuilder Float64(string key, double value) => Add(key, 12, Le(b => BinaryPrimitives.WriteDoubleLittleEndian(b, value), 8));

    /// <summary>An array whose elements are already encoded (see <see cref="ArrayBody"/> for nesting).</summary>
    public GgufHeaderBuilder Array(string key, uint elementType, IReadOnlyList<byte[]> encodedItems) =>
        Add(key, 9, ArrayBody(elementType, encodedItems));

    public GgufHeaderBuilder Strings(string key, IEnumerable<string> values) =>
        Array(key, 8, [.. values.Select(StringBytes)]);

    public GgufHeaderBuilder UInt32s(string key, IEnumerable<uint> values) =>
        Array(key, 4, [.. values.Select(v => Le(b => BinaryPrimitives.WriteUInt32LittleEndian(b, v), 4))]);

    /// <summary>An array value without its key: element type, count, elements (an item of an outer array).</summary>
    public static byte[] ArrayBody(uint elementType, IReadOnlyList<byte[]> encodedItems)
    {
        ArgumentNullException.ThrowIfNull(encodedItems);
        var head = new byte[12];
        BinaryPrimitives.WriteUInt32LittleEndian(head, elementType);
        BinaryPrimitives.WriteUInt64LittleEndian(head.AsSpan(4), (ulong)encodedItems.Count);
        return [.. head, .. encodedItems.SelectMany(i => i)];
    }

    public static byte[] StringBytes(string value)
    {
        var text = Encoding.UTF8.GetBytes(value);
        var bytes = new byte[8 + text.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)text.Length);
        text.CopyTo(bytes, 8);
        return bytes;
    }

    public byte[] ToBytes(ulong tensorCount = 0, uint version = 3)
    {
        using var stream = new MemoryStream();
        stream.Write("GGUF"u8);
        stream.Write(Le(b => BinaryPrimitives.WriteUInt32LittleEndian(b, version), 4));
        stream.Write(Le(b => BinaryPrimitives.WriteUInt64LittleEndian(b, tensorCount), 8));
        stream.Write(Le(b => BinaryPrimitives.WriteUInt64LittleEndian(b, (ulong)_entries.Count), 8));
        foreach (var (key, value) in _entries)
        {
            stream.Write(StringBytes(key));
            stream.Write(value);
        }

        return stream.ToArray();
    }

    /// <summary>
    /// The header fixture files get: a small llama (TinyLlama-1.1B's shape: 22 layers, 2048 wide, 32 heads, 4 KV
    /// heads, 2048 trained context) with the file type its name says; later shards of a split file carry only the
    /// split keys, as <c>gguf-split</c> writes them; a projector (mmproj) is a <c>clip</c> model.
    /// </summary>
    public static byte[] ForFixture(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var split = SplitOf(name);
        if (split is { Number: > 1 } later)
        {
            return new GgufHeaderBuilder()
                .UInt16("split.no", (ushort)(later.Number - 1))
                .UInt16("split.count", (ushort)later.Count)
                .Int32("split.tensors.count", 201)
                .ToBytes(tensorCount: 67);
        }

        if (name.StartsWith("mmproj", StringComparison.OrdinalIgnoreCase))
        {
            return new GgufHeaderBuilder()
                .String("general.architecture", "clip")
                .Bool("clip.has_vision_encoder", true)
                .UInt32("clip.vision.block_count", 24)
                .UInt32("clip.vision.embedding_length", 1024)
                .ToBytes(tensorCount: 377);
        }

        var builder = new GgufHeaderBuilder()
            .String("general.architecture", "llama")
            .String("general.name", "Tiny Llama")
            .UInt32("llama.block_count", 22)
            .UInt32("llama.context_length", 2048)
            .UInt32("llama.embedding_length", 2048)
            .UInt32("llama.feed_forward_length", 5632)
            .UInt32("llama.attention.head_count", 32)
            .UInt32("llama.attention.head_count_kv", 4)
            .Float32("llama.rope.freq_base", 10000f)
            .Float32("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        if (FileTypeOf(name) is { } fileType)
        {
            builder.UInt32("general.file_type", fileType);
        }

        if (split is { } first)
        {
            builder.UInt16("split.no", 0).UInt16("split.count", (ushort)first.Count).Int32("split.tensors.count", 201);
        }

        return builder
            .String("tokenizer.ggml.model", "llama")
            .Strings("tokenizer.ggml.tokens", ["<unk>", "<s>", "</s>", "▁the", "▁a"])
            .UInt32("tokenizer.ggml.bos_token_id", 1)
            .ToBytes(tensorCount: 201);
    }

    private static (int Number, int Count)? SplitOf(string name)
    {
        // "-00002-of-00003.gguf"
        var match = SplitSuffix().Match(name);
        return match.Success
            ? (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
            : null;
    }

    [GeneratedRegex(@"-(\d{5})-of-(\d{5})\.gguf$", RegexOptions.IgnoreCase)]
    private static partial Regex SplitSuffix();

    // llama.cpp's LLAMA_FTYPE numbering.
    private static uint? FileTypeOf(string name)
    {
        (string Label, uint Type)[] types =
        [
            ("Q4_K_M", 15), ("Q4_K_S", 14), ("Q3_K_M", 12), ("Q3_K_S", 11), ("Q3_K_L", 13), ("Q5_K_M", 17), ("Q5_K_S", 16),
            ("Q6_K", 18), ("Q8_0", 7), ("Q2_K", 10), ("IQ4_XS", 30), ("BF16", 32), ("F16", 1), ("F32", 0),
        ];
        foreach (var (label, type) in types)
        {
            if (name.Contains(label, StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        return null;
    }

    private static byte[] Le(Action<Span<byte>> write, int size)
    {
        var bytes = new byte[size];
        write(bytes);
        return bytes;
    }

    private GgufHeaderBuilder Add(string key, uint type, byte[] value)
    {
        var typeBytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(typeBytes, type);
        _entries.Add((key, [.. typeBytes, .. value]));
        return this;
    }
}
#pragma warning restore CA1720
