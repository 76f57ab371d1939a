namespace HFDesk.Server.Contracts;

public sealed record AnalyzeRef(string Name, string Ref, string TargetCommit);
