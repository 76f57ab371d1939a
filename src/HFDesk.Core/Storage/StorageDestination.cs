using HFDesk.Core.Hub;

namespace HFDesk.Core.Storage;

/// <summary>
/// Where a job's files go, frozen as absolute paths when the job is created: the HF hub cache (plus the
/// friendly view root R), or a local folder in the LM Studio layout.
/// </summary>
internal sealed record StorageDestination
{
    private StorageDestination(string? hubDir, string? friendlyRoot, string? localDir, LinkMode linkMode)
    {
        HubDir = hubDir is null ? null : Path.GetFullPath(hubDir);
        FriendlyRoot = friendlyRoot is null ? null : Path.GetFullPath(friendlyRoot);
        LocalDir = localDir is null ? null : Path.GetFullPath(localDir);
        LinkMode = linkMode;
    }

    public string? HubDir { get; }

    public string? FriendlyRoot { get; }

    public string? LocalDir { get; }

    public LinkMode LinkMode { get; }

    public bool Flat => LocalDir is not null;

    public static StorageDestination Cache(string hubDir, string? friendlyRoot, LinkMode linkMode = LinkMode.Auto) =>
        new(hubDir, friendlyRoot, null, linkMode);

    public static StorageDestination Local(string localDir) => new(null, null, localDir, LinkMode.Copy);

    /// <summary>Where the repo's files will be visible, before the commit is known (for plans and job objects).</summary>
    public string OutputDirFor(RepoType type, RepoId repo) => LocalDir is not null
        ? Path.Combine(LocalDir, repo.Owner, repo.Name)
        : FriendlyRoot is not null
            ? Path.Combine(FriendlyRoot, type.ApiSegment(), repo.Owner, repo.Name)
            : Path.Combine(HubDir!, HfCacheLayout.RepoFolderName(type, repo));

    public IStorageTarget Open(RepoType type, RepoId repo, string commit) => LocalDir is not null
        ? new LocalDirLayout(LocalDir, type, repo, commit)
        : new HfCacheLayout(HubDir!, type, repo, commit, FriendlyRoot, LinkMode);
}
