namespace HFDesk.Server.Contracts;

public sealed record SearchResponse(IReadOnlyList<SearchItem> Items, int Count);
