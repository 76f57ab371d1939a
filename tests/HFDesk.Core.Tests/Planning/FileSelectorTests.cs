using HFDesk.Core.Planning;
using HFDesk.Core.Tests.Analysis;

namespace HFDesk.Core.Tests.Planning;

public sealed class FileSelectorTests
{
    public static TheoryData<string, string, string, bool, string> Cases => new()
    {
        // tree, filters, excludes, exactMatch, expected paths ("|"-separated)
        { "bartowski", "q4_k_m", "", false, "README.md|Llama-3.2-3B-Instruct-Q4_K_M.gguf" },
        { "bartowski", "Q4_K_M", "", true, "README.md|Llama-3.2-3B-Instruct-Q4_K_M.gguf" },
        { "bartowski", "q6_k", "", false, "README.md|Llama-3.2-3B-Instruct-Q6_K_L.gguf|Llama-3.2-3B-Instruct-Q6_K.gguf" },
        { "bartowski", "q6_k", "", true, "README.md|Llama-3.2-3B-Instruct-Q6_K.gguf" },
        { "bartowski", "q4_0", "", true, "README.md|Llama-3.2-3B-Instruct-Q4_0.gguf" },
        { "bartowski", "q4_0", "", false, "README.md|Llama-3.2-3B-Instruct-Q4_0.gguf|Llama-3.2-3B-Instruct-Q4_0_4_4.gguf" },
        { "bartowski", "k_m", "", true, "" },
        { "bartowski", "q4_k_m,iq4_xs", "", true, "README.md|Llama-3.2-3B-Instruct-Q4_K_M.gguf|Llama-3.2-3B-Instruct-IQ4_XS.gguf" },
        { "bartowski", "imatrix", "", false, "Llama-3.2-3B-Instruct.imatrix" },
        { "bartowski", "", "gguf,.gitattributes", false, "README.md|Llama-3.2-3B-Instruct.imatrix" },
        { "unsloth", "q4_k_xl", "", true, "README.md|Qwen3-30B-A3B-UD-Q4_K_XL.gguf" },
        { "unsloth", "UD-Q4_K_XL", "", true, "README.md|Qwen3-30B-A3B-UD-Q4_K_XL.gguf" },
        { "unsloth", "bf16", "", true, "README.md|BF16/Qwen3-30B-A3B-BF16-00001-of-00002.gguf|BF16/Qwen3-30B-A3B-BF16-00002-of-00002.gguf" },
        { "unsloth", "BF16-00001-of-00002.gguf", "", false, "README.md|BF16/Qwen3-30B-A3B-BF16-00001-of-00002.gguf|BF16/Qwen3-30B-A3B-BF16-00002-of-00002.gguf" },
        { "unsloth", "q4_k_m,config.json", "", true, "README.md|config.json|Qwen3-30B-A3B-Q4_K_M.gguf" },
        { "folders", "q4_k_m", "", false, "README.md|DeepSeek-R1-Q4_K_M/DeepSeek-R1-Q4_K_M-00001-of-00003.gguf|DeepSeek-R1-Q4_K_M/DeepSeek-R1-Q4_K_M-00002-of-00003.gguf|DeepSeek-R1-Q4_K_M/DeepSeek-R1-Q4_K_M-00003-of-00003.gguf" },
        { "folders", "UD-IQ1_S", "00002-of", false, "README.md|DeepSeek-R1-UD-IQ1_S/DeepSeek-R1-UD-IQ1_S-00001-of-00002.gguf" },
        { "gemma", "q4_k_m,mmproj-f16", "", true, "README.md|gemma-3-4b-it-Q4_K_M.gguf|mmproj-F16.gguf" },
        { "gemma", "f16", "", true, "README.md|mmproj-F16.gguf" },
        { "gemma", "f16", "", false, "README.md|gemma-3-4b-it-BF16.gguf|mmproj-BF16.gguf|mmproj-F16.gguf" },
        { "gemma", "gguf", "mmproj", false, "README.md|gemma-3-4b-it-Q2_K.gguf|gemma-3-4b-it-Q3_K_M.gguf|gemma-3-4b-it-Q4_K_M.gguf|gemma-3-4b-it-Q5_K_M.gguf|gemma-3-4b-it-Q6_K.gguf|gemma-3-4b-it-Q8_0.gguf|gemma-3-4b-it-BF16.gguf" },
        { "qwenvl", "Q6_K,mmproj-Qwen_Qwen2.5-VL-7B-Instruct-f16", "", true, "README.md|Qwen_Qwen2.5-VL-7B-Instruct-Q6_K.gguf|mmproj-Qwen_Qwen2.5-VL-7B-Instruct-f16.gguf" },
        { "thebloke", "Q4_K_M", "", true, "LICENSE.txt|README.md|llama-2-7b-chat.Q4_K_M.gguf" },
        { "thebloke", "q5", "", false, "LICENSE.txt|README.md|llama-2-7b-chat.Q5_0.gguf|llama-2-7b-chat.Q5_K_M.gguf|llama-2-7b-chat.Q5_K_S.gguf" },
        { "bert", "safetensors", "", false, "model.safetensors" },
        { "bert", "*.json", "", false, "config.json|coreml/fill-mask/float32_model.mlpackage/Manifest.json|tokenizer.json|tokenizer_config.json" },
        { "bert", "", "coreml/,*.msgpack,*.onnx,*.bin,*.ot,*.h5", false, ".gitattributes|LICENSE|README.md|config.json|model.safetensors|tokenizer.json|tokenizer_config.json|vocab.txt" },
        { "bert", "TOKENIZER", "", false, "tokenizer.json|tokenizer_config.json" },
        { "bert", "tokenizer", "", true, "tokenizer.json|tokenizer_config.json" },
        { "sdxl", "fp16", "", true, "text_encoder/model.fp16.safetensors|text_encoder_2/model.fp16.safetensors|unet/diffusion_pytorch_model.fp16.safetensors|vae/diffusion_pytorch_model.fp16.safetensors" },
        { "sdxl", "unet\\config.json", "", false, "unet/config.json" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Select_RealisticTree_TakesExactlyTheExpectedFiles(string tree, string filters, string excludes, bool exact, string expected)
    {
        var spec = new FilterSpec(FilterSpec.SplitList(filters), FilterSpec.SplitList(excludes), exact);

        var selected = FileSelector.Select(HubTrees.ByName[tree], spec).Select(f => f.Path);

        var want = expected.Split('|', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(want.Order(StringComparer.Ordinal), selected.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Select_NoFilters_TakesEveryFileInTreeOrder()
    {
        var selected = FileSelector.Select(HubTrees.SdxlDiffusers, FilterSpec.All);

        Assert.Equal(HubTrees.SdxlDiffusers, selected);
    }

    [Fact]
    public void Select_ExcludeMatchesAFilteredFile_ExcludeWins()
    {
        var spec = new FilterSpec(["Q4_K_M"], ["README", "00003-of"], exactMatch: false);

        var selected = FileSelector.Select(HubTrees.UnslothDeepSeekFolders, spec).Select(f => f.Path);

        Assert.Equal(
            ["DeepSeek-R1-Q4_K_M/DeepSeek-R1-Q4_K_M-00001-of-00003.gguf", "DeepSeek-R1-Q4_K_M/DeepSeek-R1-Q4_K_M-00002-of-00003.gguf"],
            selected);
    }

    [Fact]
    public void Select_FilterMatchingNothing_SelectsNothing()
    {
        Assert.Empty(FileSelector.Select(HubTrees.BartowskiLlama, new FilterSpec(["Q9_K"])));
    }

    [Theory]
    [InlineData("q4_k_m", "model-Q4_K_M.gguf", true)]
    [InlineData("q4_k_m", "Q4_K_M/model-Q4_K_M-00001-of-00002.gguf", true)]
    [InlineData("q4_k_m", "model_q4_k_m.gguf", true)]
    [InlineData("q4_k", "model-Q4_K_M.gguf", false)]
    [InlineData("q6_k", "model-Q6_K_XL.gguf", false)]
    [InlineData("q4_0", "model-Q4_0_4_8.gguf", false)]
    [InlineData("iq4_xs", "model-IQ4_XS_R8.gguf", false)]
    [InlineData("q4", "model-IQ4_XS.gguf", false)]
    [InlineData("f16", "model-BF16.gguf", false)]
    [InlineData("f16", "model-F16.gguf", true)]
    [InlineData("xs", "model-IQ4_XS.gguf", false)]
    [InlineData("Q8_0/", "Q8_0/model-Q8_0-00001-of-00002.gguf", true)]
    [InlineData("tokenizer", "tokenizer_config.json", true)]
    [InlineData("tokenizer", "tokenizers.json", false)]
    public void Matches_ExactMode_RespectsNameTokens(string filter, string path, bool expected)
    {
        Assert.Equal(expected, FileSelector.Matches(filter, path, exactMatch: true));
    }

    [Theory]
    [InlineData("model-Q4_K_M-00001-of-00003.gguf", "model-Q4_K_M.gguf")]
    [InlineData("Q8_0/m-Q8_0-00012-of-00015.gguf", "Q8_0/m-Q8_0.gguf")]
    [InlineData("model-Q4_K_M.gguf", null)]
    [InlineData("model-00001-of-00004.safetensors", null)]
    public void SplitGroupKey_ShardNames_StripOnlyTheShardMarker(string path, string? expected)
    {
        Assert.Equal(expected, FileSelector.SplitGroupKey(path));
    }
}
