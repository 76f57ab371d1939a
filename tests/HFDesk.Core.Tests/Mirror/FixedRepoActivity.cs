using HFDesk.Core.Cache;
using HFDesk.Core.Hub;

namespace HFDesk.Core.Tests.Mirror;

/// <summary>Says a fixed set of repos has a queued, running or paused download.</summary>
internal sealed class FixedRepoActivity(params string[] busy) : IRepoActivity
{
    public bool IsActive(RepoType type, RepoId repo) => busy.Contains(repo.ToString(), StringComparer.Ordinal);
}
