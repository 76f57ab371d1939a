namespace HFDesk.Core.Cache;

/// <summary>One file of a cached snapshot or local folder.</summary>
/// <param name="Path">Repo path with '/' separators.</param>
/// <param name="Size">Bytes of the content (the blob for a link).</param>
/// <param name="Blob">Blob name in the hub cache when the file links to one; null for a real file (copy mode, local folders).</param>
internal sealed record CachedFile(string Path, long Size, string? Blob);
