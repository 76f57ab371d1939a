using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using HFDesk.Core.Hub;

namespace HFDesk.Core.Storage;

/// <summary>Checks a file on disk against the Hub's id for it: sha256 for LFS files, git blob sha1 otherwise.</summary>
internal static class ContentHash
{
    public static async Task<bool> MatchesAsync(string path, RepoFile file, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        if (stream.Length != file.Size)
        {
            return false;
        }

        var hash = file.IsLfs
            ? await SHA256.HashDataAsync(stream, cancellationToken)
            : await GitBlobSha1Async(stream, cancellationToken);
        return string.Equals(Convert.ToHexStringLower(hash), file.BlobName, StringComparison.Ordinal);
    }

    [SuppressMessage("Security", "CA5350", Justification = "Git names blobs by SHA-1; this is identification, not security.")]
    private static async Task<byte[]> GitBlobSha1Async(Stream stream, CancellationToken cancellationToken)
    {
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha1.AppendData(Encoding.ASCII.GetBytes($"blob {stream.Length}\0"));
        var buffer = new byte[1 << 20];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            sha1.AppendData(buffer, 0, read);
        }

        return sha1.GetHashAndReset();
    }
}
