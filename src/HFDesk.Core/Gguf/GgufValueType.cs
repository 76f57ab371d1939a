namespace HFDesk.Core.Gguf;

/// <summary>The value types of GGUF metadata, numbered as the format numbers them on disk.</summary>
#pragma warning disable CA1720 // The names are the GGUF specification's own (GGUF_TYPE_UINT8…).
internal enum GgufValueType : uint
{
    UInt8 = 0,
    Int8 = 1,
    UInt16 = 2,
    Int16 = 3,
    UInt32 = 4,
    Int32 = 5,
    Float32 = 6,
    Bool = 7,
    String = 8,
    Array = 9,
    UInt64 = 10,
    Int64 = 11,
    Float64 = 12,
}
#pragma warning restore CA1720
