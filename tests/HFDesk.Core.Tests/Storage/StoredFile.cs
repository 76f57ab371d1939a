using System.Security.Cryptography;
using System.Text;
using HFDesk.Core.Hub;

namespace HFDesk.Core.Tests.Storage;

/// <summary>A repo file with real content and the oids the Hub would send for it.</summary>
internal sealed record StoredFile(RepoFile File, byte[] Content)
{
    public static StoredFile Git(string path, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new StoredFile(new RepoFile(path, bytes.Length, GitBlobSha1(bytes), null), bytes);
    }

    public static StoredFile Lfs(string path, int size, byte seed = 7)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++)
        {
            bytes[i] = (byte)(seed + (i * 31));
        }

        var pointer = Encoding.UTF8.GetBytes($"version https://git-lfs.github.com/spec/v1\noid sha256:{Hex(SHA256.HashData(bytes))}\nsize {size}\n");
        return new StoredFile(new RepoFile(path, size, GitBlobSha1(pointer), Hex(SHA256.HashData(bytes))), bytes);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "Git blob ids are SHA-1 by definition; not used for security.")]
    public static string GitBlobSha1(byte[] content)
    {
        var header = Encoding.ASCII.GetBytes($"blob {content.Length}\0");
        return Hex(SHA1.HashData([.. header, .. content]));
    }

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);
}
