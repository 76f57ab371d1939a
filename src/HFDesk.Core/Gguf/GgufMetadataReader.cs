using System.Buffers.Binary;
using System.Text;

namespace HFDesk.Core.Gguf;

/// <summary>
/// Parses the header of a GGUF file (v2 and v3, either byte order): magic, version, tensor and key counts, and
/// every metadata key with its value. Works on a prefix of the file: when the bytes end before the metadata
/// does the answer is <see cref="GgufReadStatus.Partial"/> with what came before. Every length is checked
/// against the bytes the file can still hold before anything is allocated, so a hostile header (a string of
/// 2^60 bytes, an array of 2^62 items, arrays nested without end) is refused instead of exhausting memory.
/// </summary>
internal static class GgufMetadataReader
{
    /// <summary>Arrays longer than this are counted and skipped, not kept (tokenizer vocabularies).</summary>
    public const int MaxKeptArrayItems = 1024;

    /// <summary>GGUF has no use for arrays of arrays of arrays; deeper nesting is an attack, not a model.</summary>
    public const int MaxArrayDepth = 3;

    private const uint Magic = 0x46554747; // "GGUF" read little-endian

    /// <param name="bytes">The first bytes of the file.</param>
    /// <param name="fileLength">The whole file's size when known: a header cannot describe more bytes than that.</param>
    public static GgufMetadata Read(ReadOnlySpan<byte> bytes, long? fileLength = null)
    {
        var cursor = new Cursor(bytes, Math.Max(fileLength ?? long.MaxValue, bytes.Length));
        uint version = 0;
        long tensorCount = 0;
        long keyCount = 0;
        var values = new Dictionary<string, GgufValue>(StringComparer.Ordinal);
        try
        {
            if (cursor.UInt32() != Magic)
            {
                return GgufMetadata.Invalid("The file does not start with the GGUF magic.");
            }

            version = cursor.UInt32();
            if (version is not (2 or 3))
            {
                // A big-endian file shows its version byte-swapped to a little-endian reader.
                var swapped = BinaryPrimitives.ReverseEndianness(version);
                if (swapped is not (2 or 3))
                {
                    return GgufMetadata.Invalid($"GGUF version {version} is not supported (2 and 3 are).");
                }

                cursor.BigEndian = true;
                version = swapped;
            }

            tensorCount = cursor.Count("tensor count", minItemBytes: 1);
            // The smallest key/value pair: an 8-byte length, a 1-byte key, a 4-byte type, a 1-byte value.
            keyCount = cursor.Count("metadata key count", minItemBytes: 14);
            for (long i = 0; i < keyCount; i++)
            {
                var key = cursor.String();
                var type = cursor.ValueType();
                var value = cursor.Value(type, depth: 0);
                // Duplicate keys break llama.cpp's loader too; the first one is what it would use.
                values.TryAdd(key, value);
            }

            return new GgufMetadata { Status = GgufReadStatus.Complete, Version = version, TensorCount = tensorCount, KeyCount = keyCount, Values = values };
        }
        catch (TruncatedException)
        {
            return cursor.CanGrow
                ? new GgufMetadata { Status = GgufReadStatus.Partial, Version = version, TensorCount = tensorCount, KeyCount = keyCount, Values = values }
                : GgufMetadata.Invalid("The GGUF header ends before its metadata does.");
        }
        catch (FormatException ex)
        {
            return GgufMetadata.Invalid(ex.Message);
        }
    }

    private ref struct Cursor(ReadOnlySpan<byte> bytes, long fileLength)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _position;

        public bool BigEndian { get; set; }

        public readonly bool CanGrow => fileLength > _bytes.Length;

        /// <summary>Bytes the file holds after the cursor (not only the bytes in hand).</summary>
        private readonly long FileRemaining => fileLength - _position;

        public uint UInt32()
        {
            var span = Take(4);
            return BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(span) : BinaryPrimitives.ReadUInt32LittleEndian(span);
        }

        public ulong UInt64()
        {
            var span = Take(8);
            return BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(span) : BinaryPrimitives.ReadUInt64LittleEndian(span);
        }

        /// <summary>A count of items that must each take at least <paramref name="minItemBytes"/> of what the file has left.</summary>
        public long Count(string what, int minItemBytes)
        {
            var count = UInt64();
            if (count > (ulong)(FileRemaining / minItemBytes))
            {
                throw new FormatException($"The GGUF {what} ({count}) cannot fit in the file.");
            }

            return (long)count;
        }

        public string String()
        {
            var length = UInt64();
            if (length > (ulong)FileRemaining || length > int.MaxValue)
            {
                throw new FormatException($"A GGUF string claims {length} bytes, more than the file holds.");
            }

            var span = Take((int)length);
            return Encoding.UTF8.GetString(span);
        }

        public GgufValueType ValueType()
        {
            var raw = UInt32();
            if (raw > (uint)GgufValueType.Float64)
            {
                throw new FormatException($"Unknown GGUF value type {raw}.");
            }

            return (GgufValueType)raw;
        }

        public GgufValue Value(GgufValueType type, int depth)
        {
            object scalar = type switch
            {
                GgufValueType.UInt8 => (long)Take(1)[0],
                GgufValueType.Int8 => (long)(sbyte)Take(1)[0],
                GgufValueType.UInt16 => (long)(BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(Take(2)) : BinaryPrimitives.ReadUInt16LittleEndian(Take(2))),
                GgufValueType.Int16 => (long)(BigEndian ? BinaryPrimitives.ReadInt16BigEndian(Take(2)) : BinaryPrimitives.ReadInt16LittleEndian(Take(2))),
                GgufValueType.UInt32 => (long)UInt32(),
                GgufValueType.Int32 => (long)unchecked((int)UInt32()),
                GgufValueType.Float32 => (double)BitConverter.UInt32BitsToSingle(UInt32()),
                GgufValueType.Bool => Bool(),
                GgufValueType.String => String(),
                GgufValueType.UInt64 => UInt64(),
                GgufValueType.Int64 => unchecked((long)UInt64()),
                GgufValueType.Float64 => BitConverter.UInt64BitsToDouble(UInt64()),
                GgufValueType.Array => null!,
                _ => throw new FormatException($"Unknown GGUF value type {(uint)type}."),
            };

            return type == GgufValueType.Array ? Array(depth) : new GgufValue { Type = type, Scalar = scalar };
        }

        private bool Bool()
        {
            var b = Take(1)[0];
            return b switch
            {
                0 => false,
                1 => true,
                _ => throw new FormatException($"A GGUF bool holds {b}, not 0 or 1."),
            };
        }

        private GgufValue Array(int depth)
        {
            if (depth >= MaxArrayDepth)
            {
                throw new FormatException($"GGUF arrays nested deeper than {MaxArrayDepth} levels.");
            }

            var elementType = ValueType();
            var count = Count("array length", MinBytes(elementType));
            var kept = new List<GgufValue>((int)Math.Min(count, MaxKeptArrayItems));
            for (long i = 0; i < count; i++)
            {
                var item = Value(elementType, depth + 1);
                if (kept.Count < MaxKeptArrayItems)
                {
                    kept.Add(item);
                }
            }

            return new GgufValue { Type = GgufValueType.Array, ElementType = elementType, Items = kept, Count = count };
        }

        private static int MinBytes(GgufValueType type) => type switch
        {
            GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
            GgufValueType.UInt16 or GgufValueType.Int16 => 2,
            GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
            GgufValueType.UInt64 or GgufValueType.Int64 or GgufValueType.Float64 or GgufValueType.String => 8,
            // An empty nested array still has its 4-byte type and 8-byte count.
            GgufValueType.Array => 12,
            _ => throw new FormatException($"Unknown GGUF value type {(uint)type}."),
        };

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count > FileRemaining)
            {
                throw new FormatException("The GGUF header runs past the end of the file.");
            }

            if (count > _bytes.Length - _position)
            {
                throw new TruncatedException();
            }

            var span = _bytes.Slice(_position, count);
            _position += count;
            return span;
        }
    }

    // Raised when the bytes in hand end but the file goes on: the caller may fetch more.
    private sealed class TruncatedException : Exception;

    // Raised when the header contradicts the format or the file's size.
    private sealed class FormatException(string message) : Exception(message);
}
