namespace HFDesk.Core.Mirror;

/// <summary>H against T/hub, repo by repo.</summary>
internal sealed record MirrorDiff(MirrorTarget Target, string Source, string Destination, IReadOnlyList<MirrorRepoDiff> Repos)
{
    public int Count(MirrorRepoState state) => Repos.Count(r => r.State == state);

    public long BytesToPush => Repos.Sum(r => r.BytesToPush);

    public long BytesToPull => Repos.Sum(r => r.BytesToPull);

    public static MirrorDiff Compare(MirrorTarget target, MirrorCache local, MirrorCache remote, bool localSymlinks, bool remoteSymlinks, Cache.IRepoActivity activity)
    {
        var empty = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = local.Repos.Keys.Union(remote.Repos.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var repos = new List<MirrorRepoDiff>();
        foreach (var name in names)
        {
            local.Repos.TryGetValue(name, out var h);
            remote.Repos.TryGetValue(name, out var t);
            var any = (h ?? t)!;
            var state = (h, t) switch
            {
                (not null, null) => MirrorRepoState.Missing,
                (null, not null) => MirrorRepoState.Extra,
                _ => MirrorPlanner.AreEqual(h!, t!) ? MirrorRepoState.Same : MirrorRepoState.Outdated,
            };

            // Same means every file equal both ways: nothing to plan (the common case of a no-op diff).
            var same = state == MirrorRepoState.Same;
            var push = h is null || same ? null : MirrorPlanner.PlanRepo(h, t, remote.HubDir, remoteSymlinks, force: false);
            var pull = t is null || same ? null : MirrorPlanner.PlanRepo(t, h, local.HubDir, localSymlinks, force: false);
            repos.Add(new MirrorRepoDiff(
                any.Id,
                any.Type,
                state,
                h?.Refs ?? empty,
                t?.Refs ?? empty,
                push?.Files ?? 0,
                push?.Bytes ?? 0,
                pull?.Files ?? 0,
                pull?.Bytes ?? 0,
                MirrorPlanner.IsBusy(any, activity)));
        }

        return new MirrorDiff(target, local.HubDir, remote.HubDir, repos);
    }
}
