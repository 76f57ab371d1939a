namespace HFDesk.HubEmulator;

/// <summary>The file set of one revision while it is being described (a branch or PR starts as a copy of main).</summary>
public sealed class RevisionFiles
{
    private readonly RepoFixture _repo;
    private readonly string _revision;

    internal RevisionFiles(RepoFixture repo, string revision, IEnumerable<FixtureFile> files)
    {
        _repo = repo;
        _revision = revision;
        foreach (var file in files)
        {
            Files[file.Path] = file;
        }
    }

    internal SortedDictionary<string, FixtureFile> Files { get; } = new(StringComparer.Ordinal);

    public RevisionFiles WithFile(string path, long size, bool? lfs = null)
    {
        // Seeded by the revision too, so a file re-added on a branch really differs from main's.
        Files[path] = _repo.CreateFile(path, size, lfs, variant: _revision);
        return this;
    }

    public RevisionFiles WithFile(string path, string content, bool? lfs = null)
    {
        Files[path] = RepoFixture.CreateFile(path, content, lfs);
        return this;
    }

    public RevisionFiles WithoutFile(string path)
    {
        Files.Remove(path);
        return this;
    }
}
