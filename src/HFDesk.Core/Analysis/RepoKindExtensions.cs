namespace HFDesk.Core.Analysis;

internal static class RepoKindExtensions
{
    /// <summary>The lower-case word the API and the CLI use (<c>gguf</c>, <c>transformers</c>…).</summary>
    public static string ApiName(this RepoKind kind) => kind.ToString().ToLowerInvariant();
}
