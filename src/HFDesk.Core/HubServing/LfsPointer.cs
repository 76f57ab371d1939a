using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HFDesk.Core.HubServing;

/// <summary>
/// The Git LFS pointer file git stores in place of an LFS file. Its git blob sha1 is the <c>oid</c> a tree entry
/// carries for an LFS file, so a cache that only holds the sha256-named blob can still answer the Hub's tree.
/// </summary>
internal static class LfsPointer
{
    public static string Text(string sha256, long size) =>
        string.Create(CultureInfo.InvariantCulture, $"version https://git-lfs.github.com/spec/v1\noid sha256:{sha256}\nsize {size}\n");

    public static string GitOid(string sha256, long size) => GitBlobSha1(Encoding.ASCII.GetBytes(Text(sha256, size)));

    public static string GitBlobSha1(ReadOnlySpan<byte> content)
    {
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"blob {content.Length}\0"));
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha1.AppendData(header);
        sha1.AppendData(content);
        return Convert.ToHexStringLower(sha1.GetHashAndReset());
    }
}
