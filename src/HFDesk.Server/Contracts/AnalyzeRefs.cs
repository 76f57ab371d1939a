namespace HFDesk.Server.Contracts;

/// <summary>The <c>refs</c> block of analyze: <c>branches</c> and <c>tags</c>, each <c>{ name, ref, target_commit }</c>.</summary>
internal sealed record AnalyzeRefs(IReadOnlyList<AnalyzeRef> Branches, IReadOnlyList<AnalyzeRef> Tags);
