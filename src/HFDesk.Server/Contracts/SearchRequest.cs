using HFDesk.Core.Hub;

namespace HFDesk.Server.Contracts;

/// <summary>A validated <c>GET /api/search</c>.</summary>
public sealed record SearchRequest(HubSearchQuery Query);
