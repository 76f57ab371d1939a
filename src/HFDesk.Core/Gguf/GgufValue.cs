using System.Globalization;

namespace HFDesk.Core.Gguf;

/// <summary>
/// One metadata value. Integers are held as <see cref="long"/> (or <see cref="ulong"/> for UINT64), floats as
/// <see cref="double"/>. Arrays keep at most <see cref="GgufMetadataReader.MaxKeptArrayItems"/> items (a
/// tokenizer's 150,000 tokens are counted, not kept); <see cref="Count"/> is always the real length.
/// </summary>
internal sealed record GgufValue
{
    public required GgufValueType Type { get; init; }

    /// <summary>A long, ulong, double, bool or string; null for arrays.</summary>
    public object? Scalar { get; init; }

    public GgufValueType? ElementType { get; init; }

    public IReadOnlyList<GgufValue> Items { get; init; } = [];

    public long Count { get; init; }

    public bool IsInteger => Type is GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.UInt16 or GgufValueType.Int16
        or GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.UInt64 or GgufValueType.Int64;

    /// <summary>The value as a count or size: integers that fit a long, nothing else.</summary>
    public long? AsInt64() => Scalar switch
    {
        long l => l,
        ulong u when u <= long.MaxValue => (long)u,
        _ => null,
    };

    public double? AsDouble() => Scalar switch
    {
        double d => d,
        long l => l,
        ulong u => u,
        _ => null,
    };

    public string? AsString() => Scalar as string;

    public bool? AsBool() => Scalar as bool?;

    public override string ToString() => Type == GgufValueType.Array
        ? string.Create(CultureInfo.InvariantCulture, $"[{ElementType}; {Count}]")
        : Convert.ToString(Scalar, CultureInfo.InvariantCulture) ?? "";
}
