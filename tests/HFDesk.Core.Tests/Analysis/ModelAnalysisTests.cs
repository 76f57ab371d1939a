using HFDesk.Core.Analysis;
using HFDesk.Core.Hub;
using static HFDesk.Core.Tests.Analysis.AnalyzerRun;

namespace HFDesk.Core.Tests.Analysis;

public sealed class ModelAnalysisTests
{
    private const string LlamaConfig = """{"architectures":["LlamaForCausalLM"],"model_type":"llama","torch_dtype":"bfloat16"}""";

    [Fact]
    public async Task Analyze_MetaLayout_SafetensorsRecommendedOriginalCheckpointLeftOut()
    {
        var tree = HubTrees.MetaLlamaTransformers;

        var analysis = await AnalyzeAsync(tree, new Dictionary<string, string> { ["config.json"] = LlamaConfig });

        Assert.Equal(RepoKind.Transformers, analysis.Kind);
        Assert.Equal(["LlamaForCausalLM"], analysis.Model!.Architectures);
        Assert.Equal(["safetensors", "checkpoint"], analysis.SelectableItems.Select(i => i.Id));
        var safetensors = analysis.SelectableItems[0];
        Assert.True(safetensors.Recommended);
        Assert.Equal(5, safetensors.Files.Count);
        Assert.Equal(["original/consolidated.00.pth", "original/params.json", "original/tokenizer.model"], analysis.SelectableItems[1].Files);
        Assert.Equal(AllExcept(tree, "original/consolidated.00.pth", "original/params.json", "original/tokenizer.model"), PlanRecommended(analysis, tree));
        Assert.Equal(["original/"], analysis.RecommendedDownload.Excludes);
        Assert.Empty(analysis.RecommendedDownload.Filters);
    }

    [Fact]
    public async Task Analyze_AllFormatsRepo_OneItemPerFormatOnlySafetensorsPlanned()
    {
        var tree = HubTrees.BertAllFormats;

        var analysis = await AnalyzeAsync(tree, new Dictionary<string, string> { ["config.json"] = """{"architectures":["BertForMaskedLM"],"model_type":"bert"}""" });

        Assert.Equal(RepoKind.Transformers, analysis.Kind);
        Assert.Equal(
            ["coreml", "flax", "onnx", "pytorch", "rust", "safetensors", "tensorflow"],
            analysis.SelectableItems.Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.Equal("safetensors", Assert.Single(analysis.SelectableItems, i => i.Recommended).Id);
        Assert.Equal(TreeFixture.Size("440M"), analysis.SelectableItems.Single(i => i.Id == "pytorch").Size);
        Assert.Equal(
            Sorted(".gitattributes", "LICENSE", "README.md", "config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "vocab.txt"),
            PlanRecommended(analysis, tree));
        Assert.Contains("copies left out", analysis.TypeDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_BinOnlyModel_BinIsRecommendedAndEverythingPlanned()
    {
        var tree = HubTrees.BinOnlyTransformers;

        var analysis = await AnalyzeAsync(tree);

        Assert.Equal("pytorch", Assert.Single(analysis.SelectableItems, i => i.Recommended).Id);
        Assert.Equal(AllExcept(tree), PlanRecommended(analysis, tree));
        Assert.Empty(analysis.RecommendedDownload.Filters);
        Assert.Empty(analysis.RecommendedDownload.Excludes);
    }

    public static TheoryData<string, string, string, int?> QuantizedFixtures => new()
    {
        { "gptq", """{"architectures":["LlamaForCausalLM"],"quantization_config":{"quant_method":"gptq","bits":4,"group_size":128}}""", nameof(RepoKind.Gptq), 4 },
        { "gptq-old", """{"architectures":["LlamaForCausalLM"]}""", nameof(RepoKind.Gptq), 4 },
        { "awq", """{"architectures":["MistralForCausalLM"],"quantization_config":{"quant_method":"awq","bits":4,"version":"gemm"}}""", nameof(RepoKind.Awq), 4 },
        { "bnb", """{"architectures":["MistralForCausalLM"],"quantization_config":{"quant_method":"bitsandbytes","load_in_4bit":true}}""", nameof(RepoKind.Quantized), 4 },
        { "fp8", """{"architectures":["MistralForCausalLM"],"quantization_config":{"quant_method":"fp8"}}""", nameof(RepoKind.Quantized), null },
    };

    [Theory]
    [MemberData(nameof(QuantizedFixtures))]
    public async Task Analyze_QuantizedCheckpoints_KindFromQuantizationConfig(string fixture, string config, string kindName, int? bits)
    {
        var kind = Enum.Parse<RepoKind>(kindName);
        var tree = fixture.StartsWith("gptq", StringComparison.Ordinal) ? HubTrees.GptqLlama : HubTrees.AwqMistral;
        var metadata = new Dictionary<string, string> { ["config.json"] = config };
        if (fixture.StartsWith("gptq", StringComparison.Ordinal))
        {
            metadata["quantize_config.json"] = """{"bits":4,"group_size":128,"desc_act":false}""";
        }

        var analysis = await AnalyzeAsync(tree, metadata);

        Assert.Equal(kind, analysis.Kind);
        Assert.Equal(bits, analysis.Model!.QuantizationBits);
        Assert.Equal("safetensors", Assert.Single(analysis.SelectableItems, i => i.Recommended).Id);
        Assert.Equal(AllExcept(tree), PlanRecommended(analysis, tree));
    }

    [Fact]
    public async Task Analyze_LoraAdapter_KindLoraWithBaseModel()
    {
        var tree = HubTrees.LoraAdapter;
        var metadata = new Dictionary<string, string>
        {
            ["adapter_config.json"] = """{"base_model_name_or_path":"meta-llama/Llama-3.1-8B-Instruct","peft_type":"LORA","r":16}""",
        };

        var analysis = await AnalyzeAsync(tree, metadata);

        Assert.Equal(RepoKind.Lora, analysis.Kind);
        Assert.Equal("meta-llama/Llama-3.1-8B-Instruct", analysis.Model!.BaseModel);
        Assert.Contains("meta-llama/Llama-3.1-8B-Instruct", analysis.TypeDescription, StringComparison.Ordinal);
        Assert.DoesNotContain(analysis.SelectableItems, i => i.Files.Contains("training_args.bin"));
        Assert.Equal(AllExcept(tree), PlanRecommended(analysis, tree));
    }

    [Fact]
    public async Task Analyze_OnnxOnlyExport_OneItemPerDtypeDefaultRecommended()
    {
        var tree = HubTrees.OnnxCommunity;

        var analysis = await AnalyzeAsync(tree, new Dictionary<string, string> { ["config.json"] = LlamaConfig });

        Assert.Equal(RepoKind.Onnx, analysis.Kind);
        Assert.Equal(
            ["onnx", "onnx-fp16", "onnx-int8", "onnx-q4", "onnx-q4f16", "onnx-quantized"],
            analysis.SelectableItems.Select(i => i.Id).Order(StringComparer.Ordinal));
        var recommended = Assert.Single(analysis.SelectableItems, i => i.Recommended);
        Assert.Equal(["onnx/model.onnx", "onnx/model.onnx_data"], recommended.Files);
        Assert.Equal(
            AllExcept(tree, "onnx/model_fp16.onnx", "onnx/model_int8.onnx", "onnx/model_q4.onnx", "onnx/model_q4f16.onnx", "onnx/model_quantized.onnx"),
            PlanRecommended(analysis, tree));
        Assert.Equal("_q4.onnx", analysis.SelectableItems.Single(i => i.Id == "onnx-q4").FilterValue);
    }

    [Theory]
    [InlineData("""{"model_type":"llama","quantization":{"group_size":64,"bits":4}}""", null, 4)]
    [InlineData("""{"model_type":"llama"}""", "mlx", null)]
    public async Task Analyze_MlxConversion_KindMlx(string config, string? tag, int? bits)
    {
        var tree = HubTrees.MlxCommunity;
        var hints = new RepoHints(tag is null ? [] : [tag], tag, "text-generation");

        var analysis = await AnalyzeAsync(tree, new Dictionary<string, string> { ["config.json"] = config }, hints: hints);

        Assert.Equal(RepoKind.Mlx, analysis.Kind);
        Assert.Equal(bits, analysis.Model!.QuantizationBits);
        Assert.Equal(AllExcept(tree), PlanRecommended(analysis, tree));
    }

    [Fact]
    public async Task Analyze_WhisperWithFp32VariantAndBin_AudioDefaultSafetensorsOnly()
    {
        var tree = HubTrees.WhisperAudio;
        var metadata = new Dictionary<string, string>
        {
            ["config.json"] = """{"architectures":["WhisperForConditionalGeneration"],"model_type":"whisper"}""",
            ["preprocessor_config.json"] = """{"feature_extractor_type":"WhisperFeatureExtractor"}""",
        };

        var analysis = await AnalyzeAsync(tree, metadata);

        Assert.Equal(RepoKind.Audio, analysis.Kind);
        Assert.Equal(
            ["flax", "pytorch", "pytorch-fp32", "safetensors", "safetensors-fp32"],
            analysis.SelectableItems.Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.Equal(
            AllExcept(tree, "flax_model.msgpack", "model.fp32-00001-of-00002.safetensors", "model.fp32-00002-of-00002.safetensors",
                "model.safetensors.index.fp32.json", "pytorch_model.bin", "pytorch_model.bin.index.fp32.json",
                "pytorch_model.fp32-00001-of-00002.bin", "pytorch_model.fp32-00002-of-00002.bin"),
            PlanRecommended(analysis, tree));
    }

    [Theory]
    [InlineData("vit", """{"architectures":["ViTForImageClassification"],"model_type":"vit"}""", null, nameof(RepoKind.Vision))]
    [InlineData("vit", """{"model_type":"vit"}""", "image-classification", nameof(RepoKind.Vision))]
    [InlineData("qwenvl", """{"architectures":["Qwen2_5_VLForConditionalGeneration"],"vision_config":{"depth":32},"model_type":"qwen2_5_vl"}""", null, nameof(RepoKind.Multimodal))]
    [InlineData("qwenvl", """{"architectures":["Gemma3ForConditionalGeneration"],"vision_config":{},"text_config":{}}""", null, nameof(RepoKind.Multimodal))]
    [InlineData("qwenvl", """{"architectures":["MambaForCausalLM"]}""", null, nameof(RepoKind.Transformers))]
    [InlineData("qwenvl", """{"architectures":["SambaForCausalLM"]}""", null, nameof(RepoKind.Transformers))]
    public async Task Analyze_Modalities_RefinedFromConfigAndPipelineTag(string fixture, string config, string? pipeline, string kindName)
    {
        var kind = Enum.Parse<RepoKind>(kindName);
        var tree = fixture == "vit" ? HubTrees.VitVision : HubTrees.QwenVlMultimodal;

        var analysis = await AnalyzeAsync(tree, new Dictionary<string, string> { ["config.json"] = config }, hints: new RepoHints([], "transformers", pipeline));

        Assert.Equal(kind, analysis.Kind);
        Assert.Equal("safetensors", Assert.Single(analysis.SelectableItems, i => i.Recommended).Id);
    }

    [Fact]
    public async Task Analyze_BrokenOrMissingConfig_FallsBackToFileNames()
    {
        var analysis = await AnalyzeAsync(HubTrees.MetaLlamaTransformers, new Dictionary<string, string> { ["config.json"] = "{not json" });

        Assert.Equal(RepoKind.Transformers, analysis.Kind);
        Assert.Empty(analysis.Model!.Architectures);
    }

    [Fact]
    public async Task Analyze_OversizedMetadataFile_IsNotRead()
    {
        var tree = TreeFixture.Parse("""
            config.json 900K
            model.safetensors 1G
            """);
        var asked = new List<string>();
        var snapshot = new RepoSnapshot(RepoId.Parse("acme/big"), false, "main", new string('b', 40), tree);

        var analysis = await new RepoAnalyzer(TimeProvider.System).AnalyzeAsync(
            snapshot,
            (path, _) =>
            {
                asked.Add(path);
                return Task.FromResult<string?>("""{"architectures":["WhisperForConditionalGeneration"]}""");
            },
            null,
            TestContext.Current.CancellationToken);

        Assert.Empty(asked);
        Assert.Equal(RepoKind.Transformers, analysis.Kind);
    }
}
