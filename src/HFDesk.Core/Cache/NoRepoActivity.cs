using HFDesk.Core.Hub;

namespace HFDesk.Core.Cache;

/// <summary>For hosts that run no jobs (the CLI's cache commands): nothing is ever active.</summary>
internal sealed class NoRepoActivity : IRepoActivity
{
    public static NoRepoActivity Instance { get; } = new();

    public bool IsActive(RepoType type, RepoId repo) => false;
}
