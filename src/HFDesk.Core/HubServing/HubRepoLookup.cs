namespace HFDesk.Core.HubServing;

/// <summary>
/// What <c>/hub</c> can answer for one repo: the revisions and files (on disk, or known from upstream and
/// fillable), what is known of its access, whether HFDesk's token was granted it upstream (null: not asked),
/// and whether the upstream Hub failed to answer.
/// </summary>
internal sealed record HubRepoLookup(ServedRepo? Repo, HubRepoFacts Facts, bool? UpstreamAccess, bool Unreachable);
