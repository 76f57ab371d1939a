using System.Collections.Concurrent;
using System.Text.Json;
using HFDesk.Core.Hub;
using HFDesk.Core.Storage;

namespace HFDesk.Core.HubServing;

/// <summary>
/// Keeps upstream metadata per repo as one JSON file under <c>&lt;dataDir&gt;/hub-endpoint/</c> (never in H, whose
/// layout other tools read), written atomically; read once per process and then served from memory.
/// </summary>
internal sealed class HubMetadataStore(string dataDir)
{
    private readonly ConcurrentDictionary<string, KeptRepo?> _loaded = new(StringComparer.Ordinal);
    private readonly Lock _writeGate = new();

    public string Directory { get; } = Path.Combine(dataDir, "hub-endpoint");

    public KeptRepo? Get(RepoType type, RepoId id) => _loaded.GetOrAdd(Key(type, id), Load);

    /// <summary>Applies <paramref name="change"/> to the kept repo (a new one if none) and saves it.</summary>
    public KeptRepo Update(RepoType type, RepoId id, Func<KeptRepo, KeptRepo> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var key = Key(type, id);
        lock (_writeGate)
        {
            var next = change(Get(type, id) ?? new KeptRepo());
            _loaded[key] = next;
            try
            {
                System.IO.Directory.CreateDirectory(Directory);
                AtomicFile.WriteAllBytes(PathOf(key), JsonSerializer.SerializeToUtf8Bytes(next, HubServingJsonContext.Default.KeptRepo));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Kept in memory anyway: only the offline answers after a restart lose it.
            }

            return next;
        }
    }

    private KeptRepo? Load(string key)
    {
        var path = PathOf(key);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllBytes(path), HubServingJsonContext.Default.KeptRepo) : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private string PathOf(string key) => Path.Combine(Directory, key + ".json");

    private static string Key(RepoType type, RepoId id) => HfCacheLayout.RepoFolderName(type, id);
}
