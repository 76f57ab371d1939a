using HFDesk.Core.Hub;

namespace HFDesk.Core.Planning;

/// <summary>What to plan: a repository at a revision (branch, tag, 40-hex commit or <c>refs/pr/N</c>) narrowed by filters.</summary>
internal sealed record DownloadPlanRequest(RepoId Repo, RepoType Type, string Revision, FilterSpec Filter)
{
    public const string DefaultRevision = "main";
}
