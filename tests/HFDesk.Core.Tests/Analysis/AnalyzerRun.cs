using HFDesk.Core.Analysis;
using HFDesk.Core.Hub;
using HFDesk.Core.Planning;
using Microsoft.Extensions.Time.Testing;

namespace HFDesk.Core.Tests.Analysis;

/// <summary>Runs the analyzer over a fixture tree with metadata served through the reader delegate.</summary>
internal static class AnalyzerRun
{
    public static async Task<RepoAnalysis> AnalyzeAsync(
        IReadOnlyList<RepoFile> files,
        IReadOnlyDictionary<string, string>? metadata = null,
        bool dataset = false,
        RepoHints? hints = null,
        string revision = "main")
    {
        var snapshot = new RepoSnapshot(RepoId.Parse("acme/fixture"), dataset, revision, new string('a', 40), files);
        var reads = new List<string>();
        MetadataFileReader reader = (path, _) =>
        {
            reads.Add(path);
            return Task.FromResult(metadata is not null && metadata.TryGetValue(path, out var text) ? text : null);
        };
        var analyzer = new RepoAnalyzer(new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)));
        return await analyzer.AnalyzeAsync(snapshot, reader, hints, TestContext.Current.CancellationToken);
    }

    /// <summary>What planning the recommended download selects, independently of the analyzer's own list.</summary>
    public static IReadOnlyList<string> PlanRecommended(RepoAnalysis analysis, IReadOnlyList<RepoFile> files)
    {
        var body = analysis.RecommendedDownload;
        var spec = new FilterSpec(body.Filters, body.Excludes, body.ExactMatch);
        return [.. FileSelector.Select(files, spec).Select(f => f.Path).Order(StringComparer.Ordinal)];
    }

    public static string[] Sorted(params string[] paths) => [.. paths.Order(StringComparer.Ordinal)];

    public static string[] AllExcept(IReadOnlyList<RepoFile> files, params string[] left) =>
        [.. files.Select(f => f.Path).Where(p => !left.Contains(p)).Order(StringComparer.Ordinal)];
}
