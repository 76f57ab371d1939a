using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HFDesk.HubEmulator.Content;

/// <summary>
/// Deterministic pseudo-random bytes: word i is SplitMix64(seed + i·φ), so any offset can be produced
/// without generating what precedes it (Range requests into multi-GiB files stay cheap).
/// </summary>
internal sealed class GeneratedContent : IFileContent
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private readonly ulong _seed;
    private readonly byte[] _prefix;

    public GeneratedContent(string seedText, long length, byte[]? prefix = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(seedText));
        _seed = BinaryPrimitives.ReadUInt64LittleEndian(digest);
        _prefix = prefix ?? [];
        Length = length;
        Key = string.Create(CultureInfo.InvariantCulture, $"gen:{_seed:x16}:{length}:{Convert.ToHexString(_prefix)}");
    }

    public long Length { get; }

    public string Key { get; }

    public void Read(long offset, Span<byte> destination)
    {
        var pos = offset;
        var written = 0;
        Span<byte> word = stackalloc byte[8];
        while (written < destination.Length)
        {
            var index = (ulong)(pos >> 3);
            var within = (int)(pos & 7);
            var value = Mix(_seed + (index * Golden));
            if (within == 0 && destination.Length - written >= 8)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(destination[written..], value);
                written += 8;
                pos += 8;
                continue;
            }

            BinaryPrimitives.WriteUInt64LittleEndian(word, value);
            var count = Math.Min(8 - within, destination.Length - written);
            word.Slice(within, count).CopyTo(destination[written..]);
            written += count;
            pos += count;
        }

        if (offset < _prefix.Length)
        {
            var start = (int)offset;
            var count = Math.Min(_prefix.Length - start, destination.Length);
            _prefix.AsSpan(start, count).CopyTo(destination);
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
