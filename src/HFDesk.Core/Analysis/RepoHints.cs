namespace HFDesk.Core.Analysis;

/// <summary>What the Hub's repo info says about a model, used to refine detection when files are ambiguous.</summary>
internal sealed record RepoHints(IReadOnlyList<string> Tags, string? LibraryName, string? PipelineTag)
{
    public static RepoHints None { get; } = new([], null, null);

    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.OrdinalIgnoreCase);
}
