using System.Text.Json.Nodes;
using HFDesk.HubEmulator.Content;

namespace HFDesk.HubEmulator.Serving;

/// <summary>Tree and paths-info entries: <c>{type,oid,size,path,lfs{oid,size,pointerSize}}</c>, never <c>xetHash</c> (see hub-protocol §5).</summary>
internal static class TreeJson
{
    public static JsonObject File(RepoFixture repo, FixtureRevision revision, FixtureFile file, bool expand)
    {
        var entry = new JsonObject
        {
            ["type"] = "file",
            ["oid"] = file.GitOid,
            ["size"] = file.Size,
            ["path"] = file.Path,
        };
        if (file.IsLfs)
        {
            entry["lfs"] = new JsonObject { ["oid"] = file.Sha256, ["size"] = file.Size, ["pointerSize"] = file.PointerSize };
        }

        if (expand)
        {
            entry["lastCommit"] = LastCommit(repo, revision, "Upload " + file.Path);
        }

        if (repo.TreeFields.TryGetValue(file.Path, out var overrides))
        {
            foreach (var (name, json) in overrides)
            {
                if (json is null)
                {
                    entry.Remove(name);
                }
                else
                {
                    entry[name] = JsonNode.Parse(json);
                }
            }
        }

        return entry;
    }

    public static JsonObject Directory(RepoFixture repo, FixtureRevision revision, string path, bool expand)
    {
        var entry = new JsonObject
        {
            ["type"] = "directory",
            ["oid"] = GitSha1.Hex("tree\0" + revision.Commit + "\0" + path),
            ["size"] = 0,
            ["path"] = path,
        };
        if (expand)
        {
            entry["lastCommit"] = LastCommit(repo, revision, "Upload folder " + path);
        }

        return entry;
    }

    /// <summary>
    /// Entries under <paramref name="folder"/> ("" = root): direct children, or with <paramref name="recursive"/>
    /// every descendant including intermediate directories, depth-first in ordinal order. Null if the folder does not exist.
    /// </summary>
    public static List<(string Path, FixtureFile? File)>? List(FixtureRevision revision, string folder, bool recursive)
    {
        var children = new Dictionary<string, SortedDictionary<string, FixtureFile?>>(StringComparer.Ordinal) { [""] = new(StringComparer.Ordinal) };
        foreach (var file in revision.Files.Values)
        {
            var path = file.Path;
            var parent = Parent(path);
            Child(children, parent)[path] = file;
            while (parent.Length > 0)
            {
                var grand = Parent(parent);
                Child(children, grand)[parent] = null;
                parent = grand;
            }
        }

        if (!children.ContainsKey(folder))
        {
            return null;
        }

        var result = new List<(string, FixtureFile?)>();
        Walk(folder);
        return result;

        void Walk(string dir)
        {
            foreach (var (path, file) in children[dir])
            {
                result.Add((path, file));
                if (file is null && recursive)
                {
                    Walk(path);
                }
            }
        }
    }

    public static bool IsDirectory(FixtureRevision revision, string path) =>
        path.Length > 0 && revision.Files.Keys.Any(p => p.StartsWith(path + "/", StringComparison.Ordinal));

    private static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "" : path[..slash];
    }

    private static SortedDictionary<string, FixtureFile?> Child(Dictionary<string, SortedDictionary<string, FixtureFile?>> children, string dir)
    {
        if (!children.TryGetValue(dir, out var set))
        {
            set = new SortedDictionary<string, FixtureFile?>(StringComparer.Ordinal);
            children[dir] = set;
        }

        return set;
    }

    private static JsonObject LastCommit(RepoFixture repo, FixtureRevision revision, string title) => new()
    {
        ["id"] = revision.Commit,
        ["title"] = title,
        ["date"] = HubResponses.Iso(repo.LastModified),
    };
}
