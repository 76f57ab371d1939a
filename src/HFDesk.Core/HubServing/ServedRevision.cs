namespace HFDesk.Core.HubServing;

/// <summary>One commit the cache holds files of. <see cref="Files"/> is keyed by repo path (ordinal).</summary>
internal sealed record ServedRevision(string Commit, IReadOnlyDictionary<string, ServedFile> Files, DateTimeOffset LastModified)
{
    /// <summary>True when some file lies under <paramref name="folder"/> (a directory of the tree).</summary>
    public bool IsDirectory(string folder) =>
        folder.Length > 0 && Files.Keys.Any(p => p.StartsWith(folder + "/", StringComparison.Ordinal));
}
