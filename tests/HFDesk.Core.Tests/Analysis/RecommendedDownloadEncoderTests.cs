using HFDesk.Core.Analysis;
using HFDesk.Core.Hub;
using HFDesk.Core.Planning;

namespace HFDesk.Core.Tests.Analysis;

public sealed class RecommendedDownloadEncoderTests
{
    public static TheoryData<string> Trees => new()
    {
        nameof(HubTrees.BartowskiLlama), nameof(HubTrees.UnslothDeepSeekFolders), nameof(HubTrees.UnslothGemmaVision),
        nameof(HubTrees.BertAllFormats), nameof(HubTrees.SdxlDiffusers), nameof(HubTrees.WhisperAudio), nameof(HubTrees.GlueSubsets),
    };

    [Fact]
    public void Encode_TargetIsEveryFile_NoFiltersAtAll()
    {
        var files = HubTrees.BertAllFormats;

        var spec = RecommendedDownloadEncoder.Encode(files, files.Select(f => f.Path).ToHashSet(), ["anything"], preferItemFilters: true);

        Assert.True(spec.SelectsEverything);
    }

    [Fact]
    public void Encode_PathsThatAreSubstringsOfOthers_FallsBackToLiteralGlobs()
    {
        var files = TreeFixture.Parse("""
            model.bin 1M
            x/y.bin 1M
            x/model.bin 1M
            y.bin 1M
            """);
        HashSet<string> target = ["model.bin", "x/y.bin"];

        var spec = RecommendedDownloadEncoder.Encode(files, target, [], preferItemFilters: false);

        Assert.True(RecommendedDownloadEncoder.Yields(files, spec, target));
        Assert.All(spec.Filters, f => Assert.Contains('?', f));
    }

    [Theory]
    [MemberData(nameof(Trees))]
    public void Encode_RandomSubsetsOfRealTrees_AlwaysSelectExactlyTheTarget(string treeName)
    {
        var files = (IReadOnlyList<RepoFile>)typeof(HubTrees).GetProperty(treeName)!.GetValue(null)!;
        var random = new Random(treeName.Length * 7919);

        for (var round = 0; round < 40; round++)
        {
            var target = files.Where(_ => random.NextDouble() < 0.5).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
            if (target.Count == 0)
            {
                continue;
            }

            var spec = RecommendedDownloadEncoder.Encode(files, target, [], preferItemFilters: false);

            var selected = FileSelector.Select(files, spec).Select(f => f.Path);
            Assert.Equal(target.Order(StringComparer.Ordinal), selected.Order(StringComparer.Ordinal));
        }
    }
}
