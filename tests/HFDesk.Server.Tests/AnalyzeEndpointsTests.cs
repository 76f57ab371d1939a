using System.Text.Json;
using HFDesk.Core.Hub;
using HFDesk.Core.Planning;
using HFDesk.HubEmulator;

namespace HFDesk.Server.Tests;

public sealed class AnalyzeEndpointsTests
{
    private const int Timeout = 60_000;

    [Fact(Timeout = Timeout)]
    public async Task Analyze_GgufRepo_QuantizationsRecommendationAndBody()
    {
        await using var setup = await AnalyzeSetup.StartAsync(TestContext.Current.CancellationToken);

        var body = await setup.GetOkAsync($"/api/analyze/{StandardFixtures.GgufRepo}");

        Assert.Equal(StandardFixtures.GgufRepo, body.GetProperty("repo").GetString());
        Assert.Equal("gguf", body.GetProperty("type").GetString());
        Assert.False(body.GetProperty("is_dataset").GetBoolean());
        Assert.Equal("main", body.GetProperty("revision").GetString());
        Assert.Equal(setup.Emulator.Repos.Get(StandardFixtures.GgufRepo).Commit, body.GetProperty("commit").GetString());
        Assert.Matches("^[0-9a-f]{40}$", body.GetProperty("commit").GetString());
        Assert.False(body.GetProperty("also_dataset").GetBoolean());
        Assert.Equal(body.GetProperty("files").GetArrayLength(), body.GetProperty("file_count").GetInt32());

        var quantLabels = Items(body).Where(i => i.GetProperty("category").GetString() == "quantization").Select(i => i.GetProperty("label").GetString());
        Assert.Equal(StandardFixtures.GgufQuantizations.Append("BF16").Order(StringComparer.Ordinal), quantLabels.Order(StringComparer.Ordinal));
        var bf16 = body.GetProperty("gguf").GetProperty("quantizations").EnumerateArray().Single(q => q.GetProperty("name").GetString() == "BF16");
        Assert.Equal(3, bf16.GetProperty("shard_count").GetInt32());
        Assert.Equal((160 + 160 + 150) * 1024, bf16.GetProperty("size").GetInt64());
        Assert.Equal(["Tiny-Llama.imatrix"], body.GetProperty("gguf").GetProperty("side_files").EnumerateArray().Select(s => s.GetString()));

        var recommended = Items(body).Where(i => i.GetProperty("recommended").GetBoolean()).Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Equal(["q4_k_m", "mmproj-f16"], recommended);
        Assert.Equal(["q4_k_m", "mmproj-f16"], body.GetProperty("recommended_filters").EnumerateArray().Select(f => f.GetString()));
        var download = body.GetProperty("recommended_download");
        Assert.Equal("""{"repo":"emulator/Tiny-Llama-GGUF","filters":["q4_k_m","mmproj-f16"]}""", download.GetRawText());

        var item = Items(body).Single(i => i.GetProperty("id").GetString() == "q4_k_m");
        Assert.InRange(item.GetProperty("quality").GetInt32(), 1, 5);
        Assert.True(item.GetProperty("estimated_ram").GetInt64() > item.GetProperty("size").GetInt64());
        Assert.False(string.IsNullOrEmpty(item.GetProperty("size_human").GetString()));
        var lfsFile = body.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == StandardFixtures.GgufRecommendedFile);
        Assert.True(lfsFile.GetProperty("is_lfs").GetBoolean());
        Assert.Matches("^[0-9a-f]{64}$", lfsFile.GetProperty("sha256").GetString());
        Assert.Equal("", lfsFile.GetProperty("directory").GetString());

        Assert.Equal(
            ["README.md", StandardFixtures.GgufRecommendedFile, "mmproj-F16.gguf"],
            await setup.PlanWithSelectorAsync(StandardFixtures.GgufRepo, RepoType.Model, download));
    }

    [Fact(Timeout = Timeout)]
    public async Task Analyze_TransformersRepo_SafetensorsWithConfigAndTokenizerOnly()
    {
        await using var setup = await AnalyzeSetup.StartAsync(TestContext.Current.CancellationToken);

        var body = await setup.GetOkAsync($"/api/analyze/{StandardFixtures.TransformersRepo}");

        Assert.Equal("transformers", body.GetProperty("type").GetString());
        Assert.Equal(["LlamaForCausalLM"], body.GetProperty("model").GetProperty("architectures").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("safetensors", Items(body).Single(i => i.GetProperty("recommended").GetBoolean()).GetProperty("id").GetString());
        var planned = await setup.PlanWithSelectorAsync(StandardFixtures.TransformersRepo, RepoType.Model, body.GetProperty("recommended_download"));
        Assert.Equal(
            [".gitattributes", "README.md", "config.json", "generation_config.json", "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors",
             "model.safetensors.index.json", "special_tokens_map.json", "tokenizer.json", "tokenizer.model", "tokenizer_config.json"],
            planned);
        Assert.Equal(planned, body.GetProperty("recommended_files").EnumerateArray().Select(f => f.GetString()).Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = Timeout)]
    public async Task Analyze_DiffusersRepo_Fp16PipelineRecommended()
    {
        await using var setup = await AnalyzeSetup.StartAsync(TestContext.Current.CancellationToken);

        var body = await setup.GetOkAsync($"/api/analyze/{StandardFixtures.DiffusersRepo}");

        Assert.Equal("diffusers", body.GetProperty("type").GetString());
        Assert.Equal("StableDiffusionPipeline", body.GetProperty("diffusers").GetProperty("pipeline_class").GetString());
        Assert.Equal(
            [".gitattributes", "README.md", "model_index.json", "scheduler/scheduler_config.json",
             "text_encoder/config.json", "text_encoder/model.fp16.safetensors",
             "tokenizer/merges.txt", "tokenizer/tokenizer_config.json", "tokenizer/vocab.json",
             "unet/config.json", "unet/diffusion_pytorch_model.fp16.safetensors",
             "vae/config.json", "vae/diffusion_pytorch_model.fp16.safetensors"],
            await setup.PlanWithSelectorAsync(StandardFixtures.DiffusersRepo, RepoType.Model, body.GetProperty("recommended_download")));
    }

    [Fact(Timeout = Timeout)]
    public async Task Analyze_ParquetDatasetWithDatasetFlag_DatasetAnalysis()
    {
        await using var setup = await AnalyzeSetup.StartAsync(TestContext.Current.CancellationToken);

        var body = await setup.GetOkAsync($"/api/analyze/{StandardFixtures.ParquetDataset}?dataset=true");

        Assert.Equal("dataset", body.GetProperty("type").GetString());
        Assert.True(body.GetProperty("is_dataset").GetBoolean());
        Assert.Equal(["test", "train"], body.GetProperty("dataset").GetProperty("splits").EnumerateArray().Select(s => s.GetString()).Order(StringComparer.Ordinal));
        var download = body.GetProperty("recommended_download");
        Assert.True(download.GetProperty("dataset").GetBoolean());
        var train = Items(body).Single(i => i.GetProperty("id").GetString() == "split-train");
        Assert.Equal(3, train.GetProperty("files").GetArrayLength());
        Assert.Equal(
            setup.Emulator.Repos.Get(HubEmulator.RepoKind.Dataset, StandardFixtures.ParquetDataset).Files.Select(f => f.Path).Order(StringComparer.Ordinal),
            await setup.PlanWithSelectorAsync(StandardFixtures.ParquetDataset, RepoType.Dataset, download));
    }

    [Fact(Timeout = Timeout)]
    public async Task Analyze_DatasetIdAskedAsModel_AnalyzedAsTheDataset()
    {
        await using var setup = await AnalyzeSetup.StartAsync(TestContext.Current.CancellationToken);

        var body = await setup.GetOkAsync($"/api/analyze/{StandardFixtures.ParquetDataset}");

        Assert.True(body.GetProperty("is_dataset").GetBoolean());
        Assert.Equal("dataset", body.GetProperty("type").GetString());
        Assert.True(body.GetProperty("recommended_download").GetProperty("dataset").GetBoolean());
    }

    [Fact(Timeout = Timeout)]
    public async Task Analyze_RepoThatIsAlsoADataset_SaysSo()
    {
        await using var setup = await AnalyzeSetup.StartAsync(TestContext.Current.CancellationToken);
        setup.Emulator.Repos.Add(RepoFixture.Dataset(StandardFixtures.TransformersRepo).WithFile("README.md", "# same id\n").WithFile("data.csv", "a,b\n1,2\n"));

        var body = await setup.GetOkAsync($"/api/analyze/{StandardFixtures.TransformersRepo}");

        Assert.True(body.GetProperty("also_dataset").GetBoolean());
        Assert.Equal("transformers", body.GetProperty("type").GetString());
    }

    [Theory(Timeout = Timeout)]
    [InlineData(StandardFixtures.RefsTag, "model.safetensors")]
    [InlineData("refs/pr/1", "model.safetensors")]
    [InlineData(StandardFixtures.RefsSlashBranch, "long-context.safetensors")]
    public async Task Analyze_OtherRevisions_ResolvedAndEchoedInBody(string revision, string expectedFile)
    {
        await using var setup = await AnalyzeSetup.StartAsync(TestContext.Current.CancellationToken);

        var body = await setup.GetOkAsync($"/api/analyze/{StandardFixtures.RefsRepo}?revision={Uri.EscapeDataString(revision)}");

        Assert.Equal(revision, body.GetProperty("revision").GetString());
        var download = body.GetProperty("recommended_download");
        Assert.Equal(revision, download.GetProperty("revision").GetString());
        Assert.Contains(expectedFile, body.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
        Assert.Contains(expectedFile, await setup.PlanWithSelectorAsync(StandardFixtures.RefsRepo, RepoType.Model, download));
    }

    [Fact(Timeout = Timeout)]
    public async Task Analyze_GatedRepoWithoutToken_AnalyzesFromFileNames()
    {
        await using var setup = await AnalyzeSetup.StartAsync(TestContext.Current.CancellationToken);

        var body = await setup.GetOkAsync($"/api/analyze/{StandardFixtures.GatedRepo}");

        Assert.Equal("transformers", body.GetProperty("type").GetString());
        Assert.Empty(body.GetProperty("model").GetProperty("architectures").EnumerateArray());
    }

    // Anonymous calls cannot tell "missing" from "private": the Hub answers 401 RepoNotFound for both, and
    // api.md (issue 12 item 7) makes RepoNotFound a 404 whose message says to set a token if the repo is private.
    [Theory(Timeout = Timeout)]
    [InlineData("/api/analyze/emulator/does-not-exist", null, 404, "not_found")]
    [InlineData("/api/analyze/emulator/does-not-exist", HubEmulatorTokens.Valid, 404, "not_found")]
    [InlineData("/api/analyze/emulator/Tiny-Llama-GGUF?revision=no-such-branch", null, 404, "not_found")]
    [InlineData("/api/analyze/emulator/private-model", null, 404, "not_found")]
    [InlineData("/api/analyze/emulator/Tiny-Llama-GGUF?revision=..", null, 400, "bad_request")]
    [InlineData("/api/analyze/emulator/Tiny-Llama-GGUF?revision=%2E%2E%2F%2E%2E", null, 400, "bad_request")]
    [InlineData("/api/analyze/emulator/Tiny-Llama-GGUF?revision=refs%2Fheads%2Fmain", null, 400, "bad_request")]
    [InlineData("/api/analyze/emulator/private-model", HubEmulatorTokens.OtherUser, 404, "not_found")]
    [InlineData("/api/analyze/a--b/c", null, 400, "bad_request")]
    [InlineData("/api/analyze/emulator/Tiny-Llama-GGUF?dataset=maybe", null, 400, "bad_request")]
    [InlineData("/api/analyze/emulator/Tiny-Llama-GGUF?revision=", null, 400, "bad_request")]
    public async Task Analyze_Failures_AnswerTheErrorEnvelope(string url, string? token, int status, string code)
    {
        await using var setup = await AnalyzeSetup.StartAsync(TestContext.Current.CancellationToken, token);

        using var response = await setup.Server.Client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);

        await RunningServer.AssertEnvelopeAsync(response, status, code);
    }

    [Fact(Timeout = Timeout)]
    public async Task Analyze_PrivateRepoWithToken_Succeeds()
    {
        await using var setup = await AnalyzeSetup.StartAsync(TestContext.Current.CancellationToken, HubEmulatorTokens.Valid);

        var body = await setup.GetOkAsync($"/api/analyze/{StandardFixtures.PrivateRepo}");

        Assert.Equal("transformers", body.GetProperty("type").GetString());
        Assert.Equal(["LlamaForCausalLM"], body.GetProperty("model").GetProperty("architectures").EnumerateArray().Select(a => a.GetString()));
    }

    private static JsonElement.ArrayEnumerator Items(JsonElement body) => body.GetProperty("selectable_items").EnumerateArray();

    /// <summary>The emulator, a server pointed at it, and a Hub client to read trees for planning checks.</summary>
    private sealed class AnalyzeSetup : IAsyncDisposable
    {
        private readonly HubClientFactory _factory;

        private AnalyzeSetup(HubEmulatorHost emulator, RunningServer server, HubClientFactory factory)
        {
            Emulator = emulator;
            Server = server;
            _factory = factory;
        }

        public HubEmulatorHost Emulator { get; }

        public RunningServer Server { get; }

        public static async Task<AnalyzeSetup> StartAsync(CancellationToken cancellationToken, string? token = null)
        {
            var emulator = await HubEmulatorHost.StartAsync(cancellationToken: cancellationToken);
            var hub = new HubClientOptions { Endpoint = emulator.Endpoint.AbsoluteUri, Token = token, MaxRetries = 0 };
            var server = await RunningServer.StartAsync(new HfDeskServerOptions { Hub = hub });
            return new AnalyzeSetup(emulator, server, new HubClientFactory(new FixedHubClientOptionsProvider(hub)));
        }

        public async Task<JsonElement> GetOkAsync(string url)
        {
            using var response = await Server.Client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
            return JsonSerializer.Deserialize<JsonElement>(text);
        }

        /// <summary>Plans a download body the way the planner does: the tree at the revision through FileSelector.</summary>
        public async Task<IReadOnlyList<string>> PlanWithSelectorAsync(string repo, RepoType type, JsonElement download)
        {
            Assert.Equal(repo, download.GetProperty("repo").GetString());
            var revision = download.TryGetProperty("revision", out var rev) ? rev.GetString()! : "main";
            var tree = await _factory.Create().GetTreeAsync(RepoId.Parse(repo), type, revision, TestContext.Current.CancellationToken);
            var spec = new FilterSpec(
                download.TryGetProperty("filters", out var f) ? f.EnumerateArray().Select(x => x.GetString()) : null,
                download.TryGetProperty("excludes", out var e) ? e.EnumerateArray().Select(x => x.GetString()) : null,
                download.TryGetProperty("exactMatch", out var x) && x.GetBoolean());
            return [.. FileSelector.Select(tree, spec).Select(file => file.Path).Order(StringComparer.Ordinal)];
        }

        public async ValueTask DisposeAsync()
        {
            await Server.DisposeAsync();
            _factory.Dispose();
            await Emulator.DisposeAsync();
        }
    }
}
