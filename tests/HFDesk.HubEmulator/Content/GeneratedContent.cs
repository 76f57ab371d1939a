using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using System.Text;

namespace HFDesk.HubEmulator.Content;

/// <summary>
/// Deterministic pseudo-random bytes, produced on demand in 256-byte blocks: block b seeds four lanes with
/// SplitMix64(seed, b) and steps them with a vectorised xorshift. Any offset is reachable without generating
/// what precedes it (Range requests into multi-GiB files stay cheap), and throughput is several GB/s so
/// the emulator is not the bottleneck of download benchmarks.
/// </summary>
internal sealed class GeneratedContent : IFileContent
{
    private const int BlockSize = 256;
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private const ulong Golden2 = unchecked(Golden * 2);
    private const ulong Golden3 = unchecked(Golden * 3);
    private readonly ulong _seed;
    private readonly byte[] _prefix;

    public GeneratedContent(string seedText, long length, byte[]? prefix = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(seedText));
        _seed = BinaryPrimitives.ReadUInt64LittleEndian(digest);
        _prefix = prefix ?? [];
        Length = length;
        Key = string.Create(CultureInfo.InvariantCulture, $"gen2:{_seed:x16}:{length}:{Convert.ToHexString(_prefix)}");
    }

    public long Length { get; }

    public string Key { get; }

    public void Read(long offset, Span<byte> destination)
    {
        Span<ulong> words = stackalloc ulong[BlockSize / sizeof(ulong)];
        var block = MemoryMarshal.AsBytes(words);
        var written = 0;
        while (written < destination.Length)
        {
            var position = offset + written;
            var index = position / BlockSize;
            var within = (int)(position % BlockSize);
            var count = Math.Min(BlockSize - within, destination.Length - written);
            if (within == 0 && count == BlockSize)
            {
                Generate(index, MemoryMarshal.Cast<byte, ulong>(destination.Slice(written, BlockSize)));
            }
            else
            {
                Generate(index, words);
                block.Slice(within, count).CopyTo(destination[written..]);
            }

            written += count;
        }

        if (offset < _prefix.Length)
        {
            var start = (int)offset;
            var prefixCount = Math.Min(_prefix.Length - start, destination.Length);
            _prefix.AsSpan(start, prefixCount).CopyTo(destination);
        }
    }

    private void Generate(long index, Span<ulong> words)
    {
        var lane = _seed + ((ulong)index * 4 * Golden);
        var state = Vector256.Create(Mix(lane), Mix(lane + Golden), Mix(lane + Golden2), Mix(lane + Golden3));
        for (var step = 0; step < words.Length; step += 4)
        {
            state ^= Vector256.ShiftLeft(state, 13);
            state ^= Vector256.ShiftRightLogical(state, 7);
            state ^= Vector256.ShiftLeft(state, 17);
            state.CopyTo(words[step..]);
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
