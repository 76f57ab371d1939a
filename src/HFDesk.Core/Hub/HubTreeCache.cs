using HFDesk.Core.Storage;

namespace HFDesk.Core.Hub;

/// <summary>
/// File listings of recent commits, so that analyze, plan and download of the same choice list a big repo once
/// instead of three or four times (each a few pages from the Hub). Only commits are kept: a commit's tree never
/// changes, a branch's does. Keyed by endpoint and token too, so a listing is only reused for the same access;
/// few entries, few files in all and a short life bound the memory (a listing costs a few hundred bytes a file).
/// </summary>
internal sealed class HubTreeCache(TimeProvider timeProvider)
{
    public const int Capacity = 8;

    /// <summary>Files in all listings kept; a listing bigger than this alone (a dataset of a million files) is not kept.</summary>
    public const int FileCapacity = 100_000;

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly Lock _lock = new();
    private readonly Dictionary<Key, Entry> _entries = [];

    public IReadOnlyList<RepoFile>? Find(HubClientOptions options, RepoId repo, RepoType type, string revision)
    {
        if (!HexName.IsCommit(revision))
        {
            return null;
        }

        var key = new Key(options.EndpointUri.AbsoluteUri, options.Token, type, repo.ToString(), revision);
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                return null;
            }

            if (timeProvider.GetElapsedTime(entry.Stored) > Lifetime)
            {
                _entries.Remove(key);
                return null;
            }

            return entry.Files;
        }
    }

    public void Keep(HubClientOptions options, RepoId repo, RepoType type, string revision, IReadOnlyList<RepoFile> files)
    {
        if (!HexName.IsCommit(revision))
        {
            return;
        }

        if (files.Count > FileCapacity)
        {
            return;
        }

        var key = new Key(options.EndpointUri.AbsoluteUri, options.Token, type, repo.ToString(), revision);
        lock (_lock)
        {
            _entries.Remove(key);
            while (_entries.Count > 0 && (_entries.Count >= Capacity || _entries.Values.Sum(e => e.Files.Count) + files.Count > FileCapacity))
            {
                // The oldest goes: listings are used within minutes of the first (open a repo, choose, download).
                _entries.Remove(_entries.MinBy(e => e.Value.Stored).Key);
            }

            _entries[key] = new Entry(files, timeProvider.GetTimestamp());
        }
    }

    private readonly record struct Key(string Endpoint, string? Token, RepoType Type, string Repo, string Commit);

    private sealed record Entry(IReadOnlyList<RepoFile> Files, long Stored);
}
