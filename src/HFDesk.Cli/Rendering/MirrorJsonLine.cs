using HFDesk.Server.Contracts;

namespace HFDesk.Cli.Rendering;

/// <summary>One <c>--json</c> line of push/pull: <c>mirror_progress</c> events, then <c>mirror_finished</c> with the final operation.</summary>
internal sealed record MirrorJsonLine(string Type, MirrorOperationResponse Operation);
