using HFDesk.Core.Analysis;
using HFDesk.Core.Planning;
using static HFDesk.Core.Tests.Analysis.AnalyzerRun;

namespace HFDesk.Core.Tests.Analysis;

public sealed class DiffusersAndDatasetAnalysisTests
{
    private const string SdxlIndex = """
        {"_class_name":"StableDiffusionXLPipeline","_diffusers_version":"0.19.0.dev0","force_zeros_for_empty_prompt":true,
         "scheduler":["diffusers","EulerDiscreteScheduler"],"text_encoder":["transformers","CLIPTextModel"],
         "text_encoder_2":["transformers","CLIPTextModelWithProjection"],"tokenizer":["transformers","CLIPTokenizer"],
         "tokenizer_2":["transformers","CLIPTokenizer"],"unet":["diffusers","UNet2DConditionModel"],"vae":["diffusers","AutoencoderKL"],
         "feature_extractor":[null,null],"image_encoder":[null,null]}
        """;

    [Fact]
    public async Task Analyze_SdxlWithVariantsAndDuplicates_Fp16PipelineOnly()
    {
        var tree = HubTrees.SdxlDiffusers;

        var analysis = await AnalyzeAsync(tree, new Dictionary<string, string> { ["model_index.json"] = SdxlIndex });

        Assert.Equal(RepoKind.Diffusers, analysis.Kind);
        Assert.Equal("StableDiffusionXLPipeline", analysis.Diffusers!.PipelineClass);
        Assert.Equal(["scheduler", "text_encoder", "text_encoder_2", "tokenizer", "tokenizer_2", "unet", "vae"], analysis.Diffusers.Components.Order(StringComparer.Ordinal));
        Assert.Equal(["default", "fp16"], analysis.Diffusers.Variants.Order(StringComparer.Ordinal));
        Assert.Contains(analysis.SelectableItems, i => i.Category == "variant" && i.Id == "variant-fp16" && i.Recommended);
        Assert.Contains(analysis.SelectableItems, i => i.Category == "variant" && i.Id == "variant-default" && !i.Recommended);
        Assert.Equal(3, analysis.SelectableItems.Count(i => i.Category == "checkpoint"));
        Assert.Contains(analysis.SelectableItems, i => i.Category == "format" && i.Id == "onnx" && !i.Recommended);
        var unet = Assert.Single(analysis.SelectableItems, i => i.Id == "unet");
        Assert.Equal(["unet/config.json", "unet/diffusion_pytorch_model.fp16.safetensors"], unet.Files);
        Assert.Equal(
            Sorted(".gitattributes", "LICENSE.md", "README.md", "model_index.json", "scheduler/scheduler_config.json",
                "text_encoder/config.json", "text_encoder/model.fp16.safetensors",
                "text_encoder_2/config.json", "text_encoder_2/model.fp16.safetensors",
                "tokenizer/merges.txt", "tokenizer/special_tokens_map.json", "tokenizer/tokenizer_config.json", "tokenizer/vocab.json",
                "tokenizer_2/merges.txt", "tokenizer_2/special_tokens_map.json", "tokenizer_2/tokenizer_config.json", "tokenizer_2/vocab.json",
                "unet/config.json", "unet/diffusion_pytorch_model.fp16.safetensors",
                "vae/config.json", "vae/diffusion_pytorch_model.fp16.safetensors"),
            PlanRecommended(analysis, tree));
    }

    [Fact]
    public async Task Analyze_DiffusersWithoutFp16Everywhere_DefaultWeights()
    {
        var tree = TreeFixture.Parse("""
            README.md 2K
            model_index.json 500
            scheduler/scheduler_config.json 400
            transformer/config.json 500
            transformer/diffusion_pytorch_model-00001-of-00002.safetensors 9.9G
            transformer/diffusion_pytorch_model-00002-of-00002.safetensors 2.0G
            transformer/diffusion_pytorch_model.safetensors.index.json 120K
            vae/config.json 800
            vae/diffusion_pytorch_model.safetensors 168M
            vae/diffusion_pytorch_model.fp16.safetensors 84M
            flux1-dev.safetensors 23.8G
            """);
        var index = """{"_class_name":"FluxPipeline","scheduler":["diffusers","FlowMatchEulerDiscreteScheduler"],"transformer":["diffusers","FluxTransformer2DModel"],"vae":["diffusers","AutoencoderKL"]}""";

        var analysis = await AnalyzeAsync(tree, new Dictionary<string, string> { ["model_index.json"] = index });

        Assert.Equal(RepoKind.Diffusers, analysis.Kind);
        Assert.Equal(AllExcept(tree, "flux1-dev.safetensors", "vae/diffusion_pytorch_model.fp16.safetensors"), PlanRecommended(analysis, tree));
    }

    [Fact]
    public async Task Analyze_SingleConfigParquetDataset_EverythingWithSplitItems()
    {
        var tree = HubTrees.ImdbParquet;

        var analysis = await AnalyzeAsync(tree, dataset: true);

        Assert.Equal(RepoKind.Dataset, analysis.Kind);
        Assert.True(analysis.RecommendedDownload.Dataset);
        Assert.Equal(["parquet"], analysis.Dataset!.Formats);
        Assert.Empty(analysis.Dataset.Subsets);
        Assert.Equal(["test", "train", "unsupervised"], analysis.Dataset.Splits.Order(StringComparer.Ordinal));
        var train = Assert.Single(analysis.SelectableItems, i => i.Id == "split-train");
        Assert.Equal(["plain_text/train-00000-of-00001.parquet"], train.Files);
        Assert.Equal(AllExcept(tree), PlanRecommended(analysis, tree));
        Assert.Empty(analysis.RecommendedDownload.Filters);
    }

    [Fact]
    public async Task Analyze_DatasetWithSubsets_SubsetAndSplitItemsSelectTheirFiles()
    {
        var tree = HubTrees.GlueSubsets;

        var analysis = await AnalyzeAsync(tree, dataset: true);

        Assert.Equal(["ax", "cola", "mrpc", "sst2"], analysis.Dataset!.Subsets);
        var cola = Assert.Single(analysis.SelectableItems, i => i.Id == "subset-cola");
        Assert.Equal(3, cola.Files.Count);
        Assert.Equal("cola/", cola.FilterValue);
        var validation = Assert.Single(analysis.SelectableItems, i => i.Id == "split-validation");
        Assert.Equal(3, validation.Files.Count);
        foreach (var item in analysis.SelectableItems)
        {
            var planned = FileSelector.Select(tree, new FilterSpec([item.FilterValue])).Select(f => f.Path);
            Assert.Equal(item.Files.Order(StringComparer.Ordinal), planned.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Analyze_DatasetInJsonAndParquet_ParquetCopyRecommended()
    {
        var tree = HubTrees.JsonAndParquetDataset;

        var analysis = await AnalyzeAsync(tree, dataset: true);

        Assert.Equal(["parquet", "json"], analysis.Dataset!.Formats);
        Assert.Equal("parquet", Assert.Single(analysis.SelectableItems, i => i.Recommended).Id);
        Assert.Equal(AllExcept(tree, "train.jsonl", "test.jsonl"), PlanRecommended(analysis, tree));
        Assert.Equal(TreeFixture.Size("1.1G") + TreeFixture.Size("110M"), analysis.SelectableItems.Single(i => i.Id == "json").Size);
    }

    [Fact]
    public async Task Analyze_RepoWithoutWeights_GenericDownloadsEverything()
    {
        var tree = TreeFixture.Parse("""
            README.md 2K
            app.py 3K
            requirements.txt 100
            assets/logo.png 30K
            """);

        var analysis = await AnalyzeAsync(tree);

        Assert.Equal(RepoKind.Generic, analysis.Kind);
        Assert.Equal(AllExcept(tree), PlanRecommended(analysis, tree));
        Assert.Empty(analysis.RecommendedDownload.Filters);
        Assert.Empty(analysis.RecommendedDownload.Excludes);
    }

    [Fact]
    public async Task Analyze_HugeCorpusWithSubsets_RecommendsTheSampleSubsetNotEverything()
    {
        var tree = HubTrees.FinewebCorpus;

        var analysis = await AnalyzeAsync(tree, dataset: true);

        Assert.Equal(["CC-MAIN-2013-20", "CC-MAIN-2024-10", "sample/100BT", "sample/10BT"], analysis.Dataset!.Subsets);
        var sample = Assert.Single(analysis.SelectableItems, i => i.Category == "subset" && i.Recommended);
        Assert.Equal("sample/10BT", sample.Label);
        Assert.Equal("sample/10BT/", sample.FilterValue);
        Assert.Equal("data/CC-MAIN-2024-10/", analysis.SelectableItems.Single(i => i.Label == "CC-MAIN-2024-10").FilterValue);
        Assert.Equal(
            Sorted(".gitattributes", "README.md", "sample/10BT/000_00000.parquet", "sample/10BT/001_00000.parquet"),
            PlanRecommended(analysis, tree));
    }

    [Fact]
    public async Task Analyze_ConvertedParquetLayout_SplitFoldersAreNotSubsets()
    {
        var tree = TreeFixture.Parse("""
            default/train/0000.parquet 200K
            default/train/0001.parquet 200K
            default/test/0000.parquet 40K
            other/train/0000.parquet 10K
            """);

        var analysis = await AnalyzeAsync(tree, dataset: true);

        Assert.Equal(["default", "other"], analysis.Dataset!.Subsets);
        Assert.Equal(["test", "train"], analysis.Dataset.Splits.Order(StringComparer.Ordinal));
        Assert.Equal(3, analysis.SelectableItems.Single(i => i.Id == "split-train").Files.Count);
        Assert.Equal(AllExcept(tree), PlanRecommended(analysis, tree));
    }

    [Theory]
    [InlineData(false, nameof(RepoKind.Generic))]
    [InlineData(true, nameof(RepoKind.Dataset))]
    public async Task Analyze_EmptyRepo_NothingToRecommendAndNoFilters(bool dataset, string kindName)
    {
        var kind = Enum.Parse<RepoKind>(kindName);
        var analysis = await AnalyzeAsync([], dataset: dataset);

        Assert.Equal(kind, analysis.Kind);
        Assert.Empty(analysis.RecommendedFiles);
        Assert.Empty(analysis.RecommendedDownload.Filters);
        Assert.Empty(analysis.RecommendedDownload.Excludes);
    }
}
