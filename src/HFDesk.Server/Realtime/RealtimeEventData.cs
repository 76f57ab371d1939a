namespace HFDesk.Server.Realtime;

internal sealed record RealtimeEventData(string Kind, string Message, string? JobId, string? Repo);
