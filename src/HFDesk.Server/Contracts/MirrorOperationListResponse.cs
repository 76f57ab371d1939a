namespace HFDesk.Server.Contracts;

public sealed record MirrorOperationListResponse(IReadOnlyList<MirrorOperationResponse> Operations);
