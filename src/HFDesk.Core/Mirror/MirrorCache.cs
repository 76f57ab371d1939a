namespace HFDesk.Core.Mirror;

/// <summary>A whole hub cache as read by <see cref="MirrorCacheReader"/>, repos keyed by folder name.</summary>
internal sealed record MirrorCache(string HubDir, bool Exists, IReadOnlyDictionary<string, MirrorRepo> Repos);
