namespace HFDesk.Server.Contracts;

internal sealed record MirrorDiffSummaryResponse(int Missing, int Extra, int Outdated, int Same, long BytesToPush, long BytesToPull);
