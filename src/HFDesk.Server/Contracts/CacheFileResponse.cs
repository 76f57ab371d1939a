namespace HFDesk.Server.Contracts;

/// <param name="Path">Repo path with '/' separators.</param>
/// <param name="Size">Bytes.</param>
/// <param name="SizeHuman">Size as the Hub's pages show it.</param>
/// <param name="Blob">Hub-cache blob name when the file links to one.</param>
internal sealed record CacheFileResponse(string Path, long Size, string SizeHuman, string? Blob);
