namespace HFDesk.Server.Realtime;

/// <summary>Every WebSocket message: <c>{ "type": "...", "data": {...} }</c>, one per text frame.</summary>
internal sealed record RealtimeMessage<TData>(string Type, TData Data);
