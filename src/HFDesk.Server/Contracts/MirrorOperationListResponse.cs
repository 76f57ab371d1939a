namespace HFDesk.Server.Contracts;

internal sealed record MirrorOperationListResponse(IReadOnlyList<MirrorOperationResponse> Operations);
