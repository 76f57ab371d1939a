using System.Security.Cryptography;
using HFDesk.Core.Downloads;

namespace HFDesk.Core.Tests.Downloads;

public sealed class OrderedHasherTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hfdesk-hasher-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task CompleteAsync_BytesWrittenOutOfOrder_HashesTheWholeFileInOrder()
    {
        var content = new byte[3 * 100_000];
        new Random(42).NextBytes(content);
        var path = Path.Combine(_dir.FullName, "f");
        using var file = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite);
        RandomAccess.SetLength(file, content.Length);
        var written = new ByteRangeSet();
        var gate = new Lock();
        long ContiguousEnd(long offset)
        {
            lock (gate)
            {
                return written.ContiguousEnd(offset);
            }
        }

        using var hasher = new OrderedHasher(file, content.Length, sha256: true, gitSha1: false, ContiguousEnd);
        void Write(int start, int length)
        {
            RandomAccess.Write(file, content.AsSpan(start, length), start);
            hasher.OnWritten(start, content.AsSpan(start, length));
            lock (gate)
            {
                written.Add(new ByteRange(start, start + length));
            }

            hasher.Poke();
        }

        // The last third arrives first, then the first third (hashed inline), then the middle.
        Write(200_000, 100_000);
        Write(0, 100_000);
        Write(100_000, 100_000);

        var (sha256, gitSha1) = await hasher.CompleteAsync(TestContext.Current.CancellationToken);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), sha256);
        Assert.Null(gitSha1);
        Assert.InRange(hasher.BytesRehashed, 100_000, 200_000);
    }

    [Fact]
    public async Task CompleteAsync_GitSha1_MatchesGitBlobId()
    {
        var content = "hello\n"u8.ToArray();
        var path = Path.Combine(_dir.FullName, "g");
        using var file = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite);
        RandomAccess.Write(file, content, 0);
        using var hasher = new OrderedHasher(file, content.Length, sha256: false, gitSha1: true, _ => content.Length);

        hasher.Poke();
        var (_, gitSha1) = await hasher.CompleteAsync(TestContext.Current.CancellationToken);

        // `echo hello | git hash-object --stdin`
        Assert.Equal("ce013625030ba8dba906f756967f9e9ca394464a", gitSha1);
        Assert.Equal(content.Length, hasher.BytesRehashed);
    }
}
