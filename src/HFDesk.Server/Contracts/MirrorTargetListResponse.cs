namespace HFDesk.Server.Contracts;

internal sealed record MirrorTargetListResponse(IReadOnlyList<MirrorTargetResponse> Targets);
