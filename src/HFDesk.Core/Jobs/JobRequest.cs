using HFDesk.Core.Hub;

namespace HFDesk.Core.Jobs;

/// <summary>What a job downloads: a repository at a revision, narrowed by filters.</summary>
internal sealed record JobRequest
{
    public required RepoId Repo { get; init; }

    public RepoType Type { get; init; }

    public string Revision { get; init; } = "main";

    public IReadOnlyList<string> Filters { get; init; } = [];

    public IReadOnlyList<string> Excludes { get; init; } = [];

    public bool ExactMatch { get; init; }
}
