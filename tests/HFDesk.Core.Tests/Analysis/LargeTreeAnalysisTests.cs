using System.Globalization;
using HFDesk.Core.Analysis;
using static HFDesk.Core.Tests.Analysis.AnalyzerRun;

namespace HFDesk.Core.Tests.Analysis;

public sealed class LargeTreeAnalysisTests
{
    [Fact]
    public async Task Analyze_DatasetWithThousandsOfFilesInTwoFormats_RecommendsParquetExactly()
    {
        var lines = new List<string> { "README.md 10K" };
        for (var i = 0; i < 3000; i++)
        {
            var config = $"config-{i % 40:00}";
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"data/{config}/train-{i:00000}-of-03000.parquet 10M"));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"jsonl/{config}/train-{i:00000}.jsonl.gz 15M"));
        }

        var tree = TreeFixture.Parse(string.Join('\n', lines));

        var analysis = await AnalyzeAsync(tree, dataset: true);

        Assert.Equal(RepoKind.Dataset, analysis.Kind);
        Assert.Equal(40, analysis.Dataset!.Subsets.Count);
        var planned = PlanRecommended(analysis, tree);
        Assert.Equal(3001, planned.Count);
        Assert.DoesNotContain(planned, p => p.EndsWith(".gz", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Analyze_GgufRepoWithHundredsOfShards_GroupsThemPerQuant()
    {
        string[] quants = ["Q2_K", "Q4_K_M", "Q8_0", "BF16"];
        var text = string.Join('\n', quants.SelectMany(q => Enumerable.Range(1, 60).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{q}/Big-{q}-{i:00000}-of-00060.gguf 45G"))));
        var tree = TreeFixture.Parse("README.md 5K\n" + text);

        var analysis = await AnalyzeAsync(tree);

        Assert.Equal(4, analysis.Gguf!.Quantizations.Count);
        Assert.All(analysis.Gguf.Quantizations, q => Assert.Equal(60, q.ShardCount));
        Assert.Equal(["q4_k_m"], analysis.RecommendedDownload.Filters);
        Assert.Equal(61, PlanRecommended(analysis, tree).Count);
    }
}
