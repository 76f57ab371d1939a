using System.Collections.Concurrent;

namespace HFDesk.HubEmulator.Serving;

/// <summary>LFS blobs the hub has redirected to, by sha256: what the CDN port can serve.</summary>
internal sealed class CdnBlobRegistry
{
    private readonly ConcurrentDictionary<string, FixtureFile> _blobs = new(StringComparer.Ordinal);

    public void Register(FixtureFile file) => _blobs[file.Sha256] = file;

    public bool TryGet(string sha256, out FixtureFile file) => _blobs.TryGetValue(sha256, out file!);
}
