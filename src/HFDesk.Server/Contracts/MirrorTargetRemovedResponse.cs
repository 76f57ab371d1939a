namespace HFDesk.Server.Contracts;

internal sealed record MirrorTargetRemovedResponse(bool Ok, string Message, string Name);
