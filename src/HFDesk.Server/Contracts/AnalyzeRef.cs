namespace HFDesk.Server.Contracts;

internal sealed record AnalyzeRef(string Name, string Ref, string TargetCommit);
