using System.Collections.Concurrent;

namespace HFDesk.HubEmulator;

/// <summary>The repos a host serves; thread-safe, may change while the host runs.</summary>
public sealed class FixtureStore
{
    private readonly ConcurrentDictionary<(RepoKind Kind, string Id), RepoFixture> _repos = new();
    private readonly ConcurrentDictionary<(RepoKind Kind, string Id), string> _renames = new();

    public IReadOnlyList<RepoFixture> All => [.. _repos.Values.OrderBy(r => r.Kind).ThenBy(r => r.Id, StringComparer.Ordinal)];

    /// <summary>Adds or replaces the repo with the same type and id.</summary>
    public RepoFixture Add(RepoFixture repo)
    {
        ArgumentNullException.ThrowIfNull(repo);
        _repos[(repo.Kind, repo.Id)] = repo;
        return repo;
    }

    public bool TryGet(RepoKind kind, string id, out RepoFixture repo) => _repos.TryGetValue((kind, id), out repo!);

    public bool TryGet(string id, out RepoFixture repo) => TryGet(RepoKind.Model, id, out repo);

    public RepoFixture Get(RepoKind kind, string id) =>
        TryGet(kind, id, out var repo) ? repo : throw new KeyNotFoundException($"No {kind} fixture {id}.");

    public RepoFixture Get(string id) => Get(RepoKind.Model, id);

    public bool Remove(RepoKind kind, string id) => _repos.TryRemove((kind, id), out _);

    /// <summary>Makes <paramref name="oldId"/> a former name: its routes answer a relative 307 to <paramref name="newId"/>'s.</summary>
    public void AddRename(RepoKind kind, string oldId, string newId) => _renames[(kind, oldId)] = newId;

    public bool TryGetRename(RepoKind kind, string oldId, out string newId) => _renames.TryGetValue((kind, oldId), out newId!);
}
