namespace HFDesk.Core.Jobs;

/// <summary>Something subscribers (the WebSocket pump, the CLI) hear about.</summary>
internal abstract record JobEvent;
