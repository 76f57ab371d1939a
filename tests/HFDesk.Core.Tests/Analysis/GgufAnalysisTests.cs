using HFDesk.Core.Analysis;
using static HFDesk.Core.Tests.Analysis.AnalyzerRun;

namespace HFDesk.Core.Tests.Analysis;

public sealed class GgufAnalysisTests
{
    public static TheoryData<string, string, string, string> Fixtures => new()
    {
        // fixture, every quant label (in any order), recommended items, files the recommendation downloads
        {
            "bartowski",
            "F16 Q8_0 Q6_K_L Q6_K Q5_K_L Q5_K_M Q5_K_S Q4_K_L Q4_K_M Q4_K_S Q4_0 Q4_0_4_4 IQ4_XS Q3_K_XL Q3_K_L Q3_K_M IQ3_M Q3_K_S IQ3_XS Q2_K_L Q2_K IQ2_M",
            "q4_k_m",
            "README.md Llama-3.2-3B-Instruct-Q4_K_M.gguf"
        },
        {
            "unsloth",
            "UD-IQ1_S UD-Q2_K_XL Q3_K_M UD-Q4_K_XL Q4_K_M Q6_K Q8_0 BF16",
            "q4_k_m",
            "README.md Qwen3-30B-A3B-Q4_K_M.gguf"
        },
        {
            "folders",
            "Q4_K_M UD-Q2_K_XL UD-IQ1_S Q8_0",
            "q4_k_m",
            "README.md DeepSeek-R1-Q4_K_M/DeepSeek-R1-Q4_K_M-00001-of-00003.gguf DeepSeek-R1-Q4_K_M/DeepSeek-R1-Q4_K_M-00002-of-00003.gguf DeepSeek-R1-Q4_K_M/DeepSeek-R1-Q4_K_M-00003-of-00003.gguf"
        },
        {
            "gemma",
            "Q2_K Q3_K_M Q4_K_M Q5_K_M Q6_K Q8_0 BF16",
            "q4_k_m mmproj-f16",
            "README.md gemma-3-4b-it-Q4_K_M.gguf mmproj-F16.gguf"
        },
        {
            "qwenvl",
            "IQ4_XS Q5_K_M Q6_K Q6_K_L BF16",
            "iq4_xs mmproj-qwen_qwen2.5-vl-7b-instruct-f16",
            "README.md Qwen_Qwen2.5-VL-7B-Instruct-IQ4_XS.gguf mmproj-Qwen_Qwen2.5-VL-7B-Instruct-f16.gguf"
        },
        {
            "thebloke",
            "Q2_K Q3_K_L Q3_K_M Q3_K_S Q4_0 Q4_K_M Q4_K_S Q5_0 Q5_K_M Q5_K_S Q6_K Q8_0",
            "q4_k_m",
            "LICENSE.txt README.md llama-2-7b-chat.Q4_K_M.gguf"
        },
        {
            "gptoss",
            "MXFP4 Q8_0 F16 Q3_K_S Q5_K_S",
            "mxfp4",
            "README.md gpt-oss-20b-mxfp4.gguf"
        },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Analyze_GgufFixture_ItemsRecommendationAndPlannedFiles(string fixture, string quants, string recommended, string files)
    {
        var tree = HubTrees.ByName[fixture];

        var analysis = await AnalyzeAsync(tree);

        Assert.Equal(RepoKind.Gguf, analysis.Kind);
        var quantItems = analysis.SelectableItems.Where(i => i.Category == "quantization").ToList();
        Assert.Equal(quants.Split(' ').Order(StringComparer.Ordinal), quantItems.Select(i => i.Label).Order(StringComparer.Ordinal));
        Assert.Single(quantItems, i => i.Recommended);
        Assert.Equal(recommended.Split(' '), analysis.RecommendedFilters);
        Assert.Equal(Sorted(files.Split(' ')), PlanRecommended(analysis, tree));
        Assert.Equal(Sorted(files.Split(' ')), analysis.RecommendedFiles.Order(StringComparer.Ordinal));
        Assert.All(quantItems, i => Assert.InRange(i.Quality!.Value, 1, 5));
        Assert.All(quantItems, i => Assert.True(i.EstimatedRam > i.Size));
        Assert.All(quantItems, i => Assert.False(string.IsNullOrWhiteSpace(i.Description)));
    }

    [Fact]
    public async Task Analyze_SplitQuantInFolder_OneItemWithSummedSizeAndShardCount()
    {
        var analysis = await AnalyzeAsync(HubTrees.UnslothDeepSeekFolders);

        var q2 = Assert.Single(analysis.Gguf!.Quantizations, q => q.Name == "UD-Q2_K_XL");
        Assert.Equal(5, q2.ShardCount);
        Assert.Equal(TreeFixture.Size("49.6G") * 4 + TreeFixture.Size("13.5G"), q2.Size);
        var item = Assert.Single(analysis.SelectableItems, i => i.Id == "ud-q2_k_xl");
        Assert.Equal(q2.Size, item.Size);
        Assert.Equal(5, item.Files.Count);
    }

    [Fact]
    public async Task Analyze_BF16SplitAndImatrix_ShardsMergedAndSideFileNotAQuant()
    {
        var analysis = await AnalyzeAsync(HubTrees.UnslothQwenMoe);

        var bf16 = Assert.Single(analysis.Gguf!.Quantizations, q => q.Name == "BF16");
        Assert.Equal(2, bf16.ShardCount);
        Assert.Equal(TreeFixture.Size("49.8G") + TreeFixture.Size("11.3G"), bf16.Size);
        Assert.Equal(["imatrix_unsloth.gguf"], analysis.Gguf.SideFiles);
        Assert.DoesNotContain(analysis.SelectableItems, i => i.Files.Contains("imatrix_unsloth.gguf"));
        Assert.Equal(5, bf16.Quality);
        Assert.Equal(1, analysis.Gguf.Quantizations.Single(q => q.Name == "UD-IQ1_S").Quality);
        Assert.StartsWith("Unsloth Dynamic", analysis.Gguf.Quantizations.Single(q => q.Name == "UD-Q4_K_XL").Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_VisionModel_ProjectorsAreVisionEncodersWithF16Recommended()
    {
        var analysis = await AnalyzeAsync(HubTrees.UnslothGemmaVision);

        var encoders = analysis.SelectableItems.Where(i => i.Category == "vision_encoder").ToList();
        Assert.Equal(3, encoders.Count);
        Assert.Equal("mmproj-F16.gguf", Assert.Single(encoders, e => e.Recommended).Files.Single());
        Assert.Contains("vision encoder", analysis.TypeDescription, StringComparison.Ordinal);
        Assert.DoesNotContain(analysis.SelectableItems, i => i.Category == "quantization" && i.Files.Any(f => f.Contains("mmproj", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Analyze_RecommendedQ6KBesideQ6KL_SetsExactMatch()
    {
        var tree = TreeFixture.Parse("""
            README.md 3K
            Model-7B-Q6_K.gguf 5.9G
            Model-7B-Q6_K_L.gguf 6.1G
            Model-7B-Q8_0.gguf 7.7G
            Model-7B-Q3_K_S.gguf 3.1G
            Model-7B-F16.gguf 14.5G
            """);

        var analysis = await AnalyzeAsync(tree);

        Assert.Equal("Q6_K", Assert.Single(analysis.SelectableItems, i => i.Recommended).Label);
        Assert.True(analysis.RecommendedDownload.ExactMatch);
        Assert.Equal(["q6_k"], analysis.RecommendedDownload.Filters);
        Assert.Equal(Sorted("README.md", "Model-7B-Q6_K.gguf"), PlanRecommended(analysis, tree));
    }

    [Theory]
    [InlineData("Q5_K_S Q3_K_M Q8_0 F16", "Q5_K_S")]
    [InlineData("Q3_K_M Q8_0 F16", "Q3_K_M")]
    [InlineData("Q8_0 F16 F32", "Q8_0")]
    [InlineData("F32 BF16", "BF16")]
    [InlineData("UD-Q4_K_XL Q4_K_S IQ4_XS", "UD-Q4_K_XL")]
    [InlineData("Q4_0 Q4_0_4_4 IQ4_NL", "IQ4_NL")]
    [InlineData("UD-Q4_K_M Q4_K_M Q5_K_M", "Q4_K_M")]
    public async Task Analyze_WithoutOrWithQ4KM_RecommendsByDocumentedRule(string labels, string expected)
    {
        var tree = TreeFixture.Parse(string.Join('\n', labels.Split(' ').Select((l, i) => $"Model-{l}.gguf {i + 2}G")));

        var analysis = await AnalyzeAsync(tree);

        Assert.Equal(expected, Assert.Single(analysis.SelectableItems, i => i.Recommended).Label);
        Assert.Equal(Sorted($"Model-{expected}.gguf"), PlanRecommended(analysis, tree));
    }

    [Fact]
    public async Task Analyze_GgufWithoutQuantInName_StillOneRecommendedItem()
    {
        var tree = TreeFixture.Parse("""
            README.md 1K
            ggml-model.gguf 400M
            """);

        var analysis = await AnalyzeAsync(tree);

        var item = Assert.Single(analysis.SelectableItems);
        Assert.True(item.Recommended);
        Assert.Null(item.Quality);
        Assert.Equal(Sorted("README.md", "ggml-model.gguf"), PlanRecommended(analysis, tree));
    }

    [Fact]
    public async Task Analyze_NonMainRevision_PutInDownloadBody()
    {
        var analysis = await AnalyzeAsync(HubTrees.BartowskiLlama, revision: "refs/pr/3");

        Assert.Equal("refs/pr/3", analysis.RecommendedDownload.Revision);
        Assert.Equal("acme/fixture", analysis.RecommendedDownload.Repo);
        Assert.False(analysis.RecommendedDownload.Dataset);
        Assert.Null((await AnalyzeAsync(HubTrees.BartowskiLlama)).RecommendedDownload.Revision);
    }

    [Fact]
    public async Task Analyze_SafetensorsRepoWithASideGguf_StaysTransformersWithGgufAsAFormat()
    {
        var tree = TreeFixture.Parse("""
            README.md 2K
            config.json 700
            model.safetensors 2.2G
            model-Q4_K_M.gguf 700M
            tokenizer.json 2M
            """);

        var analysis = await AnalyzeAsync(tree);

        Assert.Equal(RepoKind.Transformers, analysis.Kind);
        Assert.Equal(["safetensors", "gguf"], analysis.SelectableItems.Select(i => i.Id));
        Assert.Equal(Sorted("README.md", "config.json", "model.safetensors", "tokenizer.json"), PlanRecommended(analysis, tree));
    }

    [Fact]
    public async Task Analyze_QuantOnlyInFolderNameAndLowerCaseNames_Recognized()
    {
        var tree = TreeFixture.Parse("""
            README.md 2K
            Q4_K_M/model-00001-of-00002.gguf 40G
            Q4_K_M/model-00002-of-00002.gguf 10G
            Q8_0/model-00001-of-00003.gguf 40G
            Q8_0/model-00002-of-00003.gguf 40G
            Q8_0/model-00003-of-00003.gguf 5G
            ggml-model-iq4_nl.gguf 30G
            gpt-oss-120b-MXFP4_MOE.gguf 63G
            """);

        var analysis = await AnalyzeAsync(tree);

        Assert.Equal(["IQ4_NL", "MXFP4_MOE", "Q4_K_M", "Q8_0"], analysis.Gguf!.Quantizations.Select(q => q.Name).Order(StringComparer.Ordinal));
        var q4 = analysis.Gguf.Quantizations.Single(q => q.Name == "Q4_K_M");
        Assert.True(q4.Recommended);
        Assert.Equal(2, q4.ShardCount);
        Assert.Equal(3, analysis.Gguf.Quantizations.Single(q => q.Name == "Q8_0").ShardCount);
        Assert.Equal(Sorted("README.md", "Q4_K_M/model-00001-of-00002.gguf", "Q4_K_M/model-00002-of-00002.gguf"), PlanRecommended(analysis, tree));
    }
}
