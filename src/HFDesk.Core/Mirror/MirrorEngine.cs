using HFDesk.Core.Cache;
using HFDesk.Core.Storage;

namespace HFDesk.Core.Mirror;

/// <summary>
/// The one way to diff, plan and run a mirror operation, for the server and the CLI alike: resolves the
/// target, reads both caches, applies the refusals of api.md (unknown target, a missing target folder,
/// deleteExtra against a missing or empty source) and hands out the target lock. <c>symlinkSupport</c> says
/// whether links can be made in a folder; tests pass one that says no, as an exFAT drive would.
/// </summary>
internal sealed class MirrorEngine(
    Func<StorageRoots> roots,
    MirrorTargetStore targets,
    IRepoActivity activity,
    TimeProvider time,
    Func<string, bool>? symlinkSupport = null)
{
    public MirrorTargetStore Targets => targets;

    public string HubDir => roots().HubDir;

    public IReadOnlyList<MirrorTargetStatus> ListTargets() => [.. targets.Targets.Select(MirrorTargetStatus.Probe)];

    public MirrorAnswer<MirrorDiff> Diff(string target, string? repoFilter, CancellationToken cancellationToken)
    {
        if (!TryResolve(target, repoFilter, out var resolved, out var filter, out var refusal))
        {
            return MirrorAnswer<MirrorDiff>.Fail(refusal.Outcome, refusal.Message);
        }

        var hub = roots().HubDir;
        var (local, remote) = ReadBoth(hub, resolved.HubDir, filter, cancellationToken);
        var diff = MirrorDiff.Compare(resolved, local, remote, SymlinksIn(hub), SymlinksIn(resolved.HubDir), activity);
        return MirrorAnswer<MirrorDiff>.Ok(diff);
    }

    public MirrorAnswer<MirrorPlan> Plan(MirrorRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!TryResolve(request.Target, request.RepoFilter, out var target, out var filter, out var refusal))
        {
            return MirrorAnswer<MirrorPlan>.Fail(refusal.Outcome, refusal.Message);
        }

        if (!Directory.Exists(target.Path))
        {
            return MirrorAnswer<MirrorPlan>.Fail(MirrorOutcome.Conflict, $"The target folder {target.Path} does not exist (is the drive or share mounted?)");
        }

        var hub = roots().HubDir;
        var (sourceHub, destinationHub) = request.Direction == MirrorDirection.Push ? (hub, target.HubDir) : (target.HubDir, hub);
        var (source, destination) = ReadBoth(sourceHub, destinationHub, filter, cancellationToken);
        if (request.DeleteExtra && (!source.Exists || source.Repos.Count == 0))
        {
            // The unmounted-NAS case: an empty source must never wipe the other side.
            return MirrorAnswer<MirrorPlan>.Fail(
                MirrorOutcome.Conflict,
                $"deleteExtra refused: the source {sourceHub} {(source.Exists ? "has no repos" + (filter is null ? "" : " matching the filter") : "does not exist")}");
        }

        var symlinks = SymlinksIn(destinationHub);
        var plan = MirrorPlanner.Plan(request.Direction, target, source, destination, symlinks, request.Force, request.DeleteExtra, activity);
        return MirrorAnswer<MirrorPlan>.Ok(plan);
    }

    /// <summary>The target's lock for a run; null with the holder's description when another HFDesk has it.</summary>
    public MirrorTargetLock? TryLock(MirrorPlan plan, out string holder) =>
        MirrorTargetLock.TryAcquire(plan.Target.Path, plan.Direction == MirrorDirection.Push ? "push" : "pull", time, out holder);

    public MirrorOperation CreateOperation(MirrorPlan plan, Action<MirrorOperationEvent>? observer) =>
        new("m" + Guid.NewGuid().ToString("N")[..12], plan, time, observer);

    private bool TryResolve(string? name, string? repoFilter, out MirrorTarget target, out MirrorRepoFilter? filter, out (MirrorOutcome Outcome, string Message) refusal)
    {
        target = null!;
        filter = null;
        if (!MirrorTargetRules.IsValidName(name, out var nameError))
        {
            refusal = (MirrorOutcome.Invalid, nameError);
            return false;
        }

        if (!MirrorRepoFilter.TryParse(repoFilter, out filter, out var filterError))
        {
            refusal = (MirrorOutcome.Invalid, filterError);
            return false;
        }

        if (targets.Find(name!) is not { } found)
        {
            refusal = (MirrorOutcome.NotFound, $"No mirror target named '{name}'");
            return false;
        }

        if (!MirrorTargetRules.TryRecheck(found, roots().HubDir, targets.Environment, out target, out var unusable))
        {
            refusal = (MirrorOutcome.Invalid, unusable);
            return false;
        }

        refusal = default;
        return true;
    }

    // Both sides at once: a NAS side waits on the network while the local side keeps the cores busy.
    private static (MirrorCache First, MirrorCache Second) ReadBoth(string first, string second, MirrorRepoFilter? filter, CancellationToken cancellationToken)
    {
        var other = Task.Run(() => MirrorCacheReader.Read(second, filter, cancellationToken), cancellationToken);
        var one = MirrorCacheReader.Read(first, filter, cancellationToken);
        // Rethrows the reader's own exception (not an AggregateException), as a direct call would.
        return (one, other.GetAwaiter().GetResult());
    }

    // Probed in the cache folder or, before it exists, in its parent (the target folder): the same volume, and
    // neither a diff nor a dry run may create folders.
    private bool SymlinksIn(string hubDir)
    {
        var probe = symlinkSupport ?? SymlinkProbe.AreSupported;
        if (Directory.Exists(hubDir))
        {
            return probe(hubDir);
        }

        return Path.GetDirectoryName(hubDir) is { } parent && Directory.Exists(parent) ? probe(parent) : true;
    }
}
