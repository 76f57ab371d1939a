namespace HFDesk.Core.Mirror;

/// <summary>What the lock file on a target says about its holder, for the message another machine shows.</summary>
internal sealed record MirrorLockContent(string Id, string Host, int ProcessId, string Kind, DateTimeOffset StartedAt);
