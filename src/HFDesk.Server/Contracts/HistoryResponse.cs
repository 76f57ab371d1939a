namespace HFDesk.Server.Contracts;

internal sealed record HistoryResponse(IReadOnlyList<HistoryEntryResponse> Entries, int Total);
