using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HFDesk.HubEmulator;

namespace HFDesk.Server.Tests;

/// <summary>Issue 5's end-to-end promise: the analysis's recommended_download, sent to POST /api/plan, plans exactly the expected files.</summary>
public sealed class AnalyzePlanTests
{
    public static TheoryData<string, bool, string> Fixtures => new()
    {
        {
            StandardFixtures.GgufRepo, false,
            "README.md Tiny-Llama-Q4_K_M.gguf mmproj-F16.gguf"
        },
        {
            StandardFixtures.TransformersRepo, false,
            ".gitattributes README.md config.json generation_config.json model-00001-of-00002.safetensors model-00002-of-00002.safetensors "
            + "model.safetensors.index.json special_tokens_map.json tokenizer.json tokenizer.model tokenizer_config.json"
        },
        {
            StandardFixtures.DiffusersRepo, false,
            ".gitattributes README.md model_index.json scheduler/scheduler_config.json text_encoder/config.json text_encoder/model.fp16.safetensors "
            + "tokenizer/merges.txt tokenizer/tokenizer_config.json tokenizer/vocab.json unet/config.json unet/diffusion_pytorch_model.fp16.safetensors "
            + "vae/config.json vae/diffusion_pytorch_model.fp16.safetensors"
        },
        {
            StandardFixtures.ParquetDataset, true,
            ".gitattributes README.md data/test-00000-of-00001.parquet data/train-00000-of-00003.parquet data/train-00001-of-00003.parquet data/train-00002-of-00003.parquet"
        },
        {
            StandardFixtures.RefsRepo, false,
            "README.md config.json model.safetensors"
        },
    };

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Fixtures))]
    public async Task RecommendedDownload_PlannedThroughTheApi_YieldsExactlyTheExpectedFiles(string repo, bool dataset, string expected)
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await JobsTestServer.StartAsync(emulator);

        var analysis = await server.GetJsonAsync($"/api/analyze/{repo}?dataset={(dataset ? "true" : "false")}");
        using var response = await server.PostJsonAsync("/api/plan", analysis.GetProperty("recommended_download"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var planned = plan.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Split(' ').Order(StringComparer.Ordinal), planned);
        Assert.Equal(planned, analysis.GetProperty("recommended_files").EnumerateArray().Select(f => f.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(analysis.GetProperty("commit").GetString(), plan.GetProperty("commit").GetString());
        Assert.Equal(dataset, plan.GetProperty("isDataset").GetBoolean());
    }
}
