namespace HFDesk.Server.Contracts;

/// <summary><c>hubEndpoint</c> in <c>GET /api/settings</c>: the LAN tokens masked like the Hub token.</summary>
internal sealed record HubEndpointSettingsResponse(bool Enabled, string Mode, IReadOnlyList<string> Tokens, bool Anonymous, IReadOnlyList<string> AllowPrivate);
