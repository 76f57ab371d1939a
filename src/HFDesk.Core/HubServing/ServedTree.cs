using System.Text;

namespace HFDesk.Core.HubServing;

/// <summary>The Hub's tree listing over a revision's files (hub-protocol §1.4): directories are implied by file paths.</summary>
internal static class ServedTree
{
    /// <summary>
    /// Entries under <paramref name="folder"/> (<c>""</c> = root): direct children, or with <paramref name="recursive"/> every
    /// descendant including intermediate directories, depth-first in ordinal order. Null when the folder does not exist.
    /// </summary>
    public static IReadOnlyList<ServedTreeEntry>? List(ServedRevision revision, string folder, bool recursive)
    {
        ArgumentNullException.ThrowIfNull(revision);
        var children = new Dictionary<string, SortedDictionary<string, ServedFile?>>(StringComparer.Ordinal) { [""] = new(StringComparer.Ordinal) };
        foreach (var file in revision.Files.Values)
        {
            var parent = Parent(file.Path);
            Child(children, parent)[file.Path] = file;
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

        var result = new List<ServedTreeEntry>();
        Walk(folder);
        return result;

        void Walk(string dir)
        {
            foreach (var (path, file) in children[dir])
            {
                result.Add(new ServedTreeEntry(path, file));
                if (file is null && recursive)
                {
                    Walk(path);
                }
            }
        }
    }

    /// <summary>
    /// A stable stand-in for git's tree sha1 (Python's RepoFolder requires an <c>oid</c>): the real one needs every
    /// file mode and the pointer texts in git's tree format, and no client checks it.
    /// </summary>
    public static string DirectoryOid(ServedRevision revision, string path)
    {
        ArgumentNullException.ThrowIfNull(revision);
        return LfsPointer.GitBlobSha1(Encoding.UTF8.GetBytes("tree\0" + revision.Commit + "\0" + path));
    }

    private static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "" : path[..slash];
    }

    private static SortedDictionary<string, ServedFile?> Child(Dictionary<string, SortedDictionary<string, ServedFile?>> children, string dir)
    {
        if (!children.TryGetValue(dir, out var set))
        {
            set = new SortedDictionary<string, ServedFile?>(StringComparer.Ordinal);
            children[dir] = set;
        }

        return set;
    }
}
