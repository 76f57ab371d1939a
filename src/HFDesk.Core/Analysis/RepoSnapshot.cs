using HFDesk.Core.Hub;

namespace HFDesk.Core.Analysis;

/// <summary>The tree of one repository at one resolved commit: what the analyzer works on.</summary>
internal sealed record RepoSnapshot(RepoId Repo, bool IsDataset, string Revision, string Commit, IReadOnlyList<RepoFile> Files);
