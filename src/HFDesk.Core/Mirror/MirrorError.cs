namespace HFDesk.Core.Mirror;

/// <summary>A file (or a repo step: a link, a ref, a deletion) that did not make it, and why.</summary>
internal sealed record MirrorError(string Repo, string? Path, string Message);
