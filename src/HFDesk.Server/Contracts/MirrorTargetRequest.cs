namespace HFDesk.Server.Contracts;

/// <summary><c>POST /api/mirror/targets</c>; the core checks name and path (api.md), so nothing is checked twice.</summary>
internal sealed record MirrorTargetRequest(string? Name, string? Path, string? Description);
