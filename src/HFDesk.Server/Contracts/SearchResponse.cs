using System.Text.Json.Serialization;

namespace HFDesk.Server.Contracts;

/// <param name="Items">The repos found.</param>
/// <param name="Count">How many.</param>
/// <param name="Direct">
/// Set when <c>q</c> named one existing repo (<c>owner/name</c>, <c>gpt2</c>, a pasted Hub URL): its id, so a client
/// can open that repo's page at once (its type is the item's <c>isDataset</c>).
/// </param>
internal sealed record SearchResponse(
    IReadOnlyList<SearchItem> Items,
    int Count,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Direct = null);
