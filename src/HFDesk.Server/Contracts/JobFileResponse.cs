namespace HFDesk.Server.Contracts;

internal sealed record JobFileResponse(string Path, long TotalBytes, long Downloaded, string Status, string? Error);
