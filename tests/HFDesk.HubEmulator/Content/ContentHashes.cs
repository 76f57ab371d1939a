using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HFDesk.HubEmulator.Content;

/// <summary>
/// sha256 and git blob sha1 of fixture contents, computed once per distinct content and shared by every
/// host in the process: a 1 GiB fixture is hashed a single time however many tests list it.
/// </summary>
internal static class ContentHashes
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Sha256Cache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<string>> GitSha1Cache = new(StringComparer.Ordinal);

    public static string Sha256(IFileContent content) =>
        Sha256Cache.GetOrAdd(content.Key, _ => new Lazy<string>(() => Compute(content, HashAlgorithmName.SHA256, null))).Value;

    /// <summary>Git's blob id: sha1("blob {length}\0" + bytes).</summary>
    public static string GitBlobSha1(IFileContent content) =>
        GitSha1Cache.GetOrAdd(content.Key, _ => new Lazy<string>(() =>
            Compute(content, HashAlgorithmName.SHA1, Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"blob {content.Length}\0"))))).Value;

    private static string Compute(IFileContent content, HashAlgorithmName algorithm, byte[]? header)
    {
        using var hash = IncrementalHash.CreateHash(algorithm);
        if (header is not null)
        {
            hash.AppendData(header);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            for (long offset = 0; offset < content.Length;)
            {
                var count = (int)Math.Min(buffer.Length, content.Length - offset);
                content.Read(offset, buffer.AsSpan(0, count));
                hash.AppendData(buffer, 0, count);
                offset += count;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
