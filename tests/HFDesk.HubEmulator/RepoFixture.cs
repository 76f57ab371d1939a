using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HFDesk.HubEmulator.Content;

namespace HFDesk.HubEmulator;

/// <summary>
/// A fake Hub repository described in code. Mutable while being described; the emulator reads its
/// current state on every request, so tests may add files or refs after registering it.
/// </summary>
public sealed class RepoFixture
{
    private static readonly HashSet<string> LfsExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".gguf", ".safetensors", ".bin", ".pt", ".pth", ".ckpt", ".onnx", ".onnx_data", ".h5", ".msgpack", ".tflite",
        ".parquet", ".arrow", ".npy", ".npz", ".pkl", ".pickle", ".zip", ".gz", ".tar", ".7z", ".xz", ".zst",
        ".ot", ".model", ".mlmodel", ".tgz", ".wasm", ".joblib", ".dat", ".gguf_file", ".imatrix",
    };

    // The real Hub refuses non-LFS files above 10 MB, so anything bigger is LFS.
    private const long LfsThreshold = 10L * 1000 * 1000;

    private readonly SortedDictionary<string, FixtureFile> _files = new(StringComparer.Ordinal);
    private readonly List<RefDescription> _refs = [];
    private readonly object _gate = new();
    private IReadOnlyList<FixtureRevision>? _revisions;

    private RepoFixture(RepoKind kind, string id)
    {
        Kind = kind;
        Id = id;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(kind + "/" + id));
        MongoId = Convert.ToHexStringLower(hash)[..24];
        var days = BitConverter.ToUInt16(hash, 0) % 600;
        CreatedAt = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(days).AddSeconds(hash[2] * 97);
        LastModified = CreatedAt.AddDays(30 + (hash[3] % 200)).AddSeconds(hash[4] * 13);
        Downloads = 100 + (BitConverter.ToUInt16(hash, 5) * 7L);
        Likes = hash[7];
        TrendingScore = hash[8] % 50;
    }

    public RepoKind Kind { get; }

    public string Id { get; }

    public string Owner => Id.Contains('/', StringComparison.Ordinal) ? Id[..Id.IndexOf('/', StringComparison.Ordinal)] : Id;

    public string Name => Id[(Id.IndexOf('/', StringComparison.Ordinal) + 1)..];

    public string MongoId { get; }

    public string DefaultBranch { get; private set; } = "main";

    public bool IsPrivate { get; private set; }

    /// <summary><c>null</c> when not gated, else <c>"auto"</c> or <c>"manual"</c>.</summary>
    public string? GatedMode { get; private set; }

    public bool IsDisabled { get; private set; }

    public IReadOnlyList<string> Tags { get; private set; } = [];

    public string? PipelineTag { get; private set; }

    public string? LibraryName { get; private set; }

    public long Downloads { get; private set; }

    public int Likes { get; private set; }

    public int TrendingScore { get; private set; }

    public DateTimeOffset LastModified { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Raw JSON of <c>cardData</c>, or null.</summary>
    public string? CardDataJson { get; private set; }

    /// <summary>Further info fields (raw JSON by name), e.g. <c>gguf</c>, <c>safetensors</c>, <c>description</c>.</summary>
    public IDictionary<string, string> InfoFields { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Per file path, tree-entry fields to replace (JSON) or drop (null); see <see cref="WithTreeField"/>.</summary>
    public IDictionary<string, IDictionary<string, string?>> TreeFields { get; } = new SortedDictionary<string, IDictionary<string, string?>>(StringComparer.Ordinal);

    /// <summary>Files of the default branch.</summary>
    public IReadOnlyCollection<FixtureFile> Files
    {
        get
        {
            lock (_gate)
            {
                return [.. _files.Values];
            }
        }
    }

    /// <summary>Commit of the default branch.</summary>
    public string Commit => Revisions[0].Commit;

    /// <summary>All refs, the default branch first.</summary>
    public IReadOnlyList<FixtureRevision> Revisions
    {
        get
        {
            lock (_gate)
            {
                return _revisions ??= BuildRevisions();
            }
        }
    }

    public static RepoFixture Model(string id) => new(RepoKind.Model, id);

    public static RepoFixture Dataset(string id) => new(RepoKind.Dataset, id);

    public static RepoFixture Space(string id) => new(RepoKind.Space, id);

    public FixtureFile File(string path) => TryGetFile(path, out var file) ? file : throw new KeyNotFoundException($"{Id} has no file {path} on {DefaultBranch}.");

    public bool TryGetFile(string path, out FixtureFile file)
    {
        lock (_gate)
        {
            return _files.TryGetValue(path, out file!);
        }
    }

    /// <summary>Adds a file of <paramref name="size"/> deterministic pseudo-random bytes (derived from repo, path and size).</summary>
    public RepoFixture WithFile(string path, long size, bool? lfs = null) => Mutate(() => _files[path] = CreateFile(path, size, lfs, variant: ""));

    public RepoFixture WithFile(string path, string content, bool? lfs = null) => Mutate(() => _files[path] = CreateFile(path, content, lfs));

    public RepoFixture WithFile(string path, byte[] content, bool? lfs = null) =>
        Mutate(() => _files[path] = new FixtureFile(path, new BytesContent(content), lfs ?? IsLfsByDefault(path, content.LongLength)));

    public RepoFixture WithoutFile(string path) => Mutate(() => _files.Remove(path));

    /// <summary>A branch (names with '/' allowed) starting from the default branch's files.</summary>
    public RepoFixture WithBranch(string name, Action<RevisionFiles>? configure = null) =>
        Mutate(() => _refs.Add(new RefDescription(RevisionKind.Branch, name, null, configure)));

    /// <summary>A tag on <paramref name="target"/> (a branch name, default: the default branch).</summary>
    public RepoFixture WithTag(string name, string? target = null) =>
        Mutate(() => _refs.Add(new RefDescription(RevisionKind.Tag, name, target, null)));

    /// <summary>A pull request ref <c>refs/pr/{number}</c>, starting from the default branch's files.</summary>
    public RepoFixture WithPullRequest(int number, Action<RevisionFiles>? configure = null) =>
        Mutate(() => _refs.Add(new RefDescription(RevisionKind.PullRequest, number.ToString(CultureInfo.InvariantCulture), null, configure)));

    /// <summary>A conversion ref such as <c>refs/convert/parquet</c>.</summary>
    public RepoFixture WithConvert(string name, Action<RevisionFiles>? configure = null) =>
        Mutate(() => _refs.Add(new RefDescription(RevisionKind.Convert, name, null, configure)));

    public RepoFixture WithDefaultBranch(string name) => Mutate(() => DefaultBranch = name);

    public RepoFixture Private(bool value = true) => Mutate(() => IsPrivate = value);

    public RepoFixture Gated(string mode = "auto") => Mutate(() => GatedMode = mode);

    public RepoFixture Disabled(bool value = true) => Mutate(() => IsDisabled = value);

    public RepoFixture WithTags(params string[] tags) => Mutate(() => Tags = [.. tags]);

    public RepoFixture WithPipelineTag(string? pipelineTag) => Mutate(() => PipelineTag = pipelineTag);

    public RepoFixture WithLibrary(string? libraryName) => Mutate(() => LibraryName = libraryName);

    public RepoFixture WithDownloads(long downloads) => Mutate(() => Downloads = downloads);

    public RepoFixture WithLikes(int likes) => Mutate(() => Likes = likes);

    public RepoFixture WithTrendingScore(int score) => Mutate(() => TrendingScore = score);

    public RepoFixture WithLastModified(DateTimeOffset value) => Mutate(() => LastModified = value);

    public RepoFixture WithCreatedAt(DateTimeOffset value) => Mutate(() => CreatedAt = value);

    public RepoFixture WithCardData(string json) => Mutate(() => CardDataJson = json);

    public RepoFixture WithInfoField(string name, string json) => Mutate(() => InfoFields[name] = json);

    /// <summary>Replaces (JSON) or, with <c>null</c>, removes one field of a file's tree and paths-info entry: hostile Hub data.</summary>
    public RepoFixture WithTreeField(string path, string field, string? json) => Mutate(() =>
    {
        if (!TreeFields.TryGetValue(path, out var fields))
        {
            TreeFields[path] = fields = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        }

        fields[field] = json;
    });

    /// <summary>Resolves a revision as the Hub does: HEAD, branch, tag, full ref name, or a commit (unique prefix of 5+ hex).</summary>
    public FixtureRevision? Resolve(string revision)
    {
        var revisions = Revisions;
        if (revision == "HEAD")
        {
            return revisions[0];
        }

        foreach (var kind in (ReadOnlySpan<RevisionKind>)[RevisionKind.Branch, RevisionKind.Tag])
        {
            var byName = revisions.FirstOrDefault(r => r.Kind == kind && r.Name == revision);
            if (byName is not null)
            {
                return byName;
            }
        }

        var byRef = revisions.FirstOrDefault(r => r.Ref == revision);
        if (byRef is not null)
        {
            return byRef;
        }

        if (revision.Length is >= 5 and <= 40 && revision.All(char.IsAsciiHexDigitLower))
        {
            var matches = revisions.Where(r => r.Commit.StartsWith(revision, StringComparison.Ordinal)).Select(r => r.Commit).Distinct().ToList();
            if (matches.Count == 1)
            {
                return revisions.First(r => r.Commit == matches[0]);
            }
        }

        return null;
    }

    public override string ToString() => (Kind == RepoKind.Model ? "" : Kind.ToString().ToLowerInvariant() + "s/") + Id;

    internal static bool IsLfsByDefault(string path, long size) =>
        size >= LfsThreshold || LfsExtensions.Contains(System.IO.Path.GetExtension(path.Replace('\\', '/')));

    internal static FixtureFile CreateFile(string path, string content, bool? lfs)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        return new FixtureFile(path, new BytesContent(bytes), lfs ?? IsLfsByDefault(path, bytes.LongLength));
    }

    internal FixtureFile CreateFile(string path, long size, bool? lfs, string variant)
    {
        // Generated .gguf files start with a real GGUF v3 header (the rest is noise), so readers and memory
        // estimates work on fixtures as on Hub files.
        byte[]? prefix = path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) ? GgufHeaderBuilder.ForFixture(path) : null;
        var seed = string.Create(CultureInfo.InvariantCulture, $"{Kind}/{Id}/{path}/{size}/{variant}");
        return new FixtureFile(path, new GeneratedContent(seed, size, prefix), lfs ?? IsLfsByDefault(path, size));
    }

    private RepoFixture Mutate(Action change)
    {
        lock (_gate)
        {
            change();
            _revisions = null;
        }

        return this;
    }

    private List<FixtureRevision> BuildRevisions()
    {
        var main = new FixtureRevision(RevisionKind.Branch, DefaultBranch, "refs/heads/" + DefaultBranch, CommitOf(_files, ""), new SortedDictionary<string, FixtureFile>(_files, StringComparer.Ordinal));
        var result = new List<FixtureRevision> { main };
        foreach (var description in _refs.Where(r => r.Kind != RevisionKind.Tag))
        {
            var files = new RevisionFiles(this, description.Name, _files.Values);
            description.Configure?.Invoke(files);
            var (refName, salt) = description.Kind switch
            {
                RevisionKind.PullRequest => ("refs/pr/" + description.Name, "refs/pr/" + description.Name),
                RevisionKind.Convert => ("refs/convert/" + description.Name, "refs/convert/" + description.Name),
                _ => ("refs/heads/" + description.Name, ""),
            };
            result.Add(new FixtureRevision(description.Kind, description.Name, refName, CommitOf(files.Files, salt), files.Files));
        }

        foreach (var tag in _refs.Where(r => r.Kind == RevisionKind.Tag))
        {
            var target = result.FirstOrDefault(r => r.Kind == RevisionKind.Branch && r.Name == (tag.Target ?? DefaultBranch)) ?? main;
            result.Add(target with { Kind = RevisionKind.Tag, Name = tag.Name, Ref = "refs/tags/" + tag.Name });
        }

        return result;
    }

    // Deterministic: derived from the repo and the description of its files, never from their hashes
    // (so a commit is known without hashing multi-GiB content). Same files, same commit, as in git.
    private string CommitOf(SortedDictionary<string, FixtureFile> files, string salt)
    {
        var text = new StringBuilder();
        text.Append(Kind).Append('\n').Append(Id).Append('\n').Append(salt).Append('\n');
        foreach (var file in files.Values)
        {
            text.Append(file.Path).Append('\0').Append(file.Content.Key).Append('\0').Append(file.IsLfs ? '1' : '0').Append('\n');
        }

        return GitSha1.Hex(text.ToString());
    }

    private sealed record RefDescription(RevisionKind Kind, string Name, string? Target, Action<RevisionFiles>? Configure);
}
