using HFDesk.Core.Hub;

namespace HFDesk.Server.Contracts;

/// <summary>A validated <c>GET /api/search</c>.</summary>
internal sealed record SearchRequest(HubSearchQuery Query);
