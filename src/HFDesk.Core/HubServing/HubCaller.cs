namespace HFDesk.Core.HubServing;

/// <summary>Who is asking <c>/hub</c>: a client with a LAN token, an allowed anonymous client, or one to refuse (401).</summary>
internal enum HubCaller
{
    Rejected,
    Anonymous,
    Authenticated,
}
