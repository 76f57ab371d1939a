namespace HFDesk.Server.Contracts;

public sealed record MirrorTargetListResponse(IReadOnlyList<MirrorTargetResponse> Targets);
