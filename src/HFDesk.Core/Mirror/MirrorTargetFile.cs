namespace HFDesk.Core.Mirror;

/// <summary>What <c>mirror-targets.json</c> in the data dir holds.</summary>
internal sealed record MirrorTargetFile(IReadOnlyList<MirrorTarget> Targets);
