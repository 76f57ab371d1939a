namespace HFDesk.Server.Contracts;

/// <summary><c>202 { "operation": {…} }</c> for a started push or pull.</summary>
public sealed record MirrorOperationEnvelope(MirrorOperationResponse Operation);
