namespace HFDesk.Server.Contracts;

/// <summary><c>GET /api/diskfree</c>: space on the volume holding <c>path</c> (default: the hub dir H).</summary>
internal sealed record DiskFreeResponse(string Path, long Free, long Total, string CacheDir, string EffectiveHubDir, string HubDirSource);
