namespace HFDesk.Server.Contracts;

/// <summary><c>202 { "operation": {…} }</c> for a started push or pull.</summary>
internal sealed record MirrorOperationEnvelope(MirrorOperationResponse Operation);
