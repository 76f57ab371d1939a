using System.Globalization;
using System.Text;
using HFDesk.HubEmulator.Content;

namespace HFDesk.HubEmulator;

/// <summary>
/// One file of a fixture repo. Content is generated on demand; hashes are computed lazily and cached
/// process-wide, so listing a repo with a multi-GiB file costs one hashing pass in total.
/// </summary>
public sealed class FixtureFile
{
    private readonly Lazy<BytesContent> _pointer;

    internal FixtureFile(string path, IFileContent content, bool isLfs)
    {
        Path = path;
        Content = content;
        IsLfs = isLfs;
        _pointer = new Lazy<BytesContent>(() => new BytesContent(Encoding.ASCII.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"version https://git-lfs.github.com/spec/v1\noid sha256:{Sha256}\nsize {Size}\n"))));
    }

    /// <summary>Repo path exactly as given to the fixture (never validated: tests use hostile names).</summary>
    public string Path { get; }

    public long Size => Content.Length;

    public bool IsLfs { get; }

    public string Sha256 => ContentHashes.Sha256(Content);

    /// <summary>Git blob sha1 of what git stores: the content, or the LFS pointer for LFS files.</summary>
    public string GitOid => ContentHashes.GitBlobSha1(Raw);

    /// <summary>Name of the blob in an HF cache: sha256 for LFS files, git sha1 otherwise.</summary>
    public string BlobName => IsLfs ? Sha256 : GitOid;

    public int PointerSize => IsLfs ? (int)_pointer.Value.Length : 0;

    internal IFileContent Content { get; }

    /// <summary>What <c>/raw/</c> serves: the pointer text for LFS files.</summary>
    internal IFileContent Raw => IsLfs ? _pointer.Value : Content;

    public Stream OpenRead() => new ContentStream(Content);

    public byte[] ReadAllBytes()
    {
        if (Size > Array.MaxLength)
        {
            throw new InvalidOperationException($"{Path} is too large to read into memory; use OpenRead().");
        }

        var bytes = new byte[Size];
        Content.Read(0, bytes);
        return bytes;
    }

    public override string ToString() => Path;
}
