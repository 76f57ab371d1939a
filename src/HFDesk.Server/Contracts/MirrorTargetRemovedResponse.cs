namespace HFDesk.Server.Contracts;

public sealed record MirrorTargetRemovedResponse(bool Ok, string Message, string Name);
