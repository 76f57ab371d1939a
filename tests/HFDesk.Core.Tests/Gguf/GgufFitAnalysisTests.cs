using HFDesk.Core.Analysis;
using HFDesk.Core.Gguf;
using HFDesk.Core.Hub;
using HFDesk.Core.Machine;
using HFDesk.Core.Tests.Hub;
using HFDesk.HubEmulator;

namespace HFDesk.Core.Tests.Gguf;

/// <summary>The emulator's Tiny-Llama GGUF repo, sized and ranked for machines given by hand.</summary>
public sealed class GgufFitAnalysisTests
{
    private const long KiB = 1024;

    // The fixture header: 22 layers, 4 KV heads of 2048/32 = 64, trained context 2048 (below the 4096 default).
    // KV = 2 × 22 × 2048 × 4 × 64 × 2 bytes = 46,137,344; margin 512 MiB; the F16 mmproj (48 KiB) counts.
    private const long Base = 46_137_344 + (512L << 20) + (48 * KiB);

    [Fact(Timeout = 60_000)]
    public async Task Analyze_TinyLlama_EstimatesFromTheHeaderWithOneRangedRequestCachedPerCommit()
    {
        await using var hub = await EmulatedHub.StartAsync();
        var headers = new GgufHeaderSource();
        var analyzer = new RemoteRepoAnalyzer(hub.CreateClient(), TimeProvider.System, headers);

        var analysis = await analyzer.AnalyzeAsync(RepoId.Parse(StandardFixtures.GgufRepo), false, null, null, null, TestContext.Current.CancellationToken);
        var again = await analyzer.AnalyzeAsync(RepoId.Parse(StandardFixtures.GgufRepo), false, null, null, 8192, TestContext.Current.CancellationToken);

        var gguf = analysis.Gguf!;
        Assert.Equal("llama", gguf.Shape!.Architecture);
        Assert.Equal(2048, gguf.Shape.ContextLength);
        Assert.Equal(2048, gguf.Context);
        Assert.Equal(Base + (144 * KiB), Quant(analysis, "Q4_K_M").EstimatedRam);
        // Split shards sum: 160 + 160 + 150 KiB.
        Assert.Equal(Base + (470 * KiB), Quant(analysis, "BF16").EstimatedRam);
        Assert.Equal(Base + (144 * KiB) + (3 * 46_137_344), Quant(again, "Q4_K_M").EstimatedRam);
        Assert.All(analysis.SelectableItems, i => Assert.Null(i.Fit));
        var headerReads = hub.Emulator.Requests.Snapshot().Where(r => r.FilePath == StandardFixtures.GgufRecommendedFile && r.Origin == RequestOrigin.Hub).ToList();
        var read = Assert.Single(headerReads);
        Assert.Equal($"bytes=0-{GgufHeaderSource.InitialBytes - 1}", read.Range);
    }

    public static TheoryData<long, long, string, string> Machines => new()
    {
        // RAM, VRAM, recommended, then "label=fit" pairs that must hold
        { Base + (144 * KiB), 0, "Q4_K_M", "Q4_K_M=CpuOnly Q5_K_M=TooLarge Q2_K=CpuOnly" },
        { 16L << 30, Base + (248 * KiB), "Q8_0", "Q8_0=FullGpu BF16=PartialGpu Q4_K_M=FullGpu" },
        { 16L << 30, Base + (168 * KiB), "Q5_K_M", "Q5_K_M=FullGpu Q6_K=PartialGpu" },
        { 1L << 20, 0, "Q2_K", "Q2_K=TooLarge Q8_0=TooLarge" },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Machines))]
    public async Task Analyze_MachineBudget_BadgesAndRecommendsTheBestThatFits(long ram, long vram, string recommended, string fits)
    {
        await using var hub = await EmulatedHub.StartAsync();
        var analyzer = new RemoteRepoAnalyzer(hub.CreateClient(), TimeProvider.System);

        var analysis = await analyzer.AnalyzeAsync(
            RepoId.Parse(StandardFixtures.GgufRepo), false, null, new MemoryBudget(ram, vram, false), null, TestContext.Current.CancellationToken);

        foreach (var pair in fits.Split(' '))
        {
            var (label, fit) = (pair.Split('=')[0], Enum.Parse<MemoryFit>(pair.Split('=')[1]));
            Assert.Equal(fit, Quant(analysis, label).Fit);
        }

        Assert.Equal(recommended, Assert.Single(analysis.SelectableItems, i => i.Recommended && i.Category == "quantization").Label);
        Assert.Contains(recommended.ToLowerInvariant(), analysis.RecommendedDownload.Filters);
        Assert.Contains("mmproj-F16.gguf", analysis.RecommendedFiles);
    }

    private static SelectableItem Quant(RepoAnalysis analysis, string label) =>
        Assert.Single(analysis.SelectableItems, i => i.Category == "quantization" && i.Label == label);
}
