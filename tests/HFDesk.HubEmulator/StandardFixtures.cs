using System.Globalization;

namespace HFDesk.HubEmulator;

/// <summary>
/// The repos every host serves unless <see cref="HubEmulatorOptions.IncludeStandardFixtures"/> is false.
/// Sizes are small (KiB) so tests stay fast; their ratios follow real repos.
/// </summary>
public static class StandardFixtures
{
    public const string Owner = "emulator";

    /// <summary>unsloth-style GGUF repo: single-file quants, a UD- quant, a split BF16 quant in a folder, mmproj, imatrix.</summary>
    public const string GgufRepo = "emulator/Tiny-Llama-GGUF";

    public const string GgufRecommendedFile = "Tiny-Llama-Q4_K_M.gguf";

    /// <summary>transformers layout: sharded safetensors + index, pytorch_model.bin, onnx/, tokenizer files.</summary>
    public const string TransformersRepo = "emulator/tiny-transformers";

    /// <summary>diffusers layout with fp16 variants per component.</summary>
    public const string DiffusersRepo = "emulator/tiny-diffusers";

    /// <summary>A dataset with parquet splits under data/ and configs in its README; has refs/convert/parquet.</summary>
    public const string ParquetDataset = "emulator/tiny-parquet";

    /// <summary>More than 100 files in nested folders: tree listings span several pages.</summary>
    public const string ManyFilesRepo = "emulator/many-files";

    public const int ManyFilesCount = 130;

    /// <summary>Private: 401 RepoNotFound anonymously, 404 for other users, readable with <see cref="HubEmulatorTokens.Valid"/>.</summary>
    public const string PrivateRepo = "emulator/private-model";

    /// <summary>Gated: info and tree readable by all; file bytes need <see cref="HubEmulatorTokens.Valid"/>.</summary>
    public const string GatedRepo = "emulator/gated-model";

    /// <summary>Tag v1.0, pull request refs/pr/1 and a branch with a slash in its name, each with its own files.</summary>
    public const string RefsRepo = "emulator/refs-model";

    public const string RefsTag = "v1.0";

    public const string RefsSlashBranch = "feature/long-context";

    public const int RefsPullRequest = 1;

    /// <summary>An id without namespace, like "gpt2".</summary>
    public const string NoNamespaceRepo = "tiny-gpt2";

    public static IReadOnlyList<string> GgufQuantizations { get; } = ["Q2_K", "Q3_K_M", "Q4_K_S", "Q4_K_M", "IQ4_XS", "Q5_K_M", "Q6_K", "UD-Q6_K_XL", "Q8_0"];

    public static IReadOnlyList<RepoFixture> Create() =>
    [
        Gguf(), Transformers(), Diffusers(), Parquet(), ManyFiles(), PrivateModel(), GatedModel(), Refs(), NoNamespace(),
    ];

    public static void AddTo(FixtureStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        foreach (var repo in Create())
        {
            store.Add(repo);
        }
    }

    /// <summary>A repo with one generated file of the chosen size (never held in memory; LFS).</summary>
    public static RepoFixture LargeFile(string id, long size, string path = "large.bin") =>
        RepoFixture.Model(id).WithFile(".gitattributes", GitAttributes).WithFile(path, size, lfs: true).WithTags("emulator");

    /// <summary>
    /// Hostile file names a client must confine to its target folder. Not among the standard fixtures
    /// (a naive client would write outside its cache): add it explicitly.
    /// </summary>
    public static RepoFixture HostileNames(string id = "emulator/hostile-names") =>
        RepoFixture.Model(id)
            .WithFile("README.md", "# hostile\n")
            .WithFile("../evil.txt", "evil\n")
            .WithFile("../../evil2.txt", "evil\n")
            .WithFile("/etc/x", "evil\n")
            .WithFile("C:\\x", "evil\n")
            .WithFile("a\\..\\..\\x", "evil\n")
            .WithFile("sub/../../escape.txt", "evil\n")
            .WithFile("weights/../../model.bin", 2048, lfs: true);

    internal const string GitAttributes = "*.bin filter=lfs diff=lfs merge=lfs -text\n*.gguf filter=lfs diff=lfs merge=lfs -text\n*.onnx filter=lfs diff=lfs merge=lfs -text\n*.parquet filter=lfs diff=lfs merge=lfs -text\n*.safetensors filter=lfs diff=lfs merge=lfs -text\n";

    private const string LlamaConfig = """
        {
          "architectures": ["LlamaForCausalLM"],
          "model_type": "llama",
          "hidden_size": 64,
          "intermediate_size": 172,
          "num_attention_heads": 4,
          "num_hidden_layers": 2,
          "num_key_value_heads": 4,
          "max_position_embeddings": 2048,
          "vocab_size": 32000,
          "torch_dtype": "float32",
          "transformers_version": "4.44.0"
        }
        """;

    private static RepoFixture Gguf()
    {
        const long KiB = 1024;
        var repo = RepoFixture.Model(GgufRepo)
            .WithFile(".gitattributes", GitAttributes)
            .WithFile("README.md", "---\nlicense: apache-2.0\nbase_model: emulator/Tiny-Llama\ntags:\n- gguf\n- llama\n---\n# Tiny-Llama GGUF\n\nQuantized with imatrix.\n")
            .WithTags("gguf", "llama", "text-generation", "base_model:quantized:emulator/Tiny-Llama", "endpoints_compatible", "region:us", "imatrix", "conversational")
            .WithPipelineTag("text-generation")
            .WithCardData("""{"license":"apache-2.0","base_model":"emulator/Tiny-Llama","tags":["gguf","llama"]}""")
            .WithInfoField("gguf", """{"total":1100048384,"architecture":"llama","context_length":2048,"bos_token":"<s>","eos_token":"</s>"}""")
            .WithDownloads(125_000)
            .WithLikes(321);
        long[] sizes = [96, 120, 136, 144, 130, 168, 192, 200, 248];
        for (var i = 0; i < sizes.Length; i++)
        {
            repo.WithFile($"Tiny-Llama-{GgufQuantizations[i]}.gguf", sizes[i] * KiB);
        }

        for (var shard = 1; shard <= 3; shard++)
        {
            repo.WithFile(string.Create(CultureInfo.InvariantCulture, $"BF16/Tiny-Llama-BF16-{shard:00000}-of-00003.gguf"), (shard == 3 ? 150 : 160) * KiB);
        }

        return repo
            .WithFile("mmproj-F16.gguf", 48 * KiB)
            .WithFile("mmproj-F32.gguf", 96 * KiB)
            .WithFile("Tiny-Llama.imatrix", 12 * KiB, lfs: true);
    }

    private static RepoFixture Transformers() =>
        RepoFixture.Model(TransformersRepo)
            .WithFile(".gitattributes", GitAttributes)
            .WithFile("README.md", "---\nlicense: mit\nlibrary_name: transformers\npipeline_tag: text-generation\n---\n# tiny-transformers\n")
            .WithFile("config.json", LlamaConfig)
            .WithFile("generation_config.json", """{"bos_token_id":1,"eos_token_id":2,"max_length":2048}""")
            .WithFile("tokenizer.json", """{"version":"1.0","model":{"type":"BPE","vocab":{"<s>":1,"</s>":2,"a":3},"merges":[]}}""")
            .WithFile("tokenizer_config.json", """{"bos_token":"<s>","eos_token":"</s>","model_max_length":2048,"tokenizer_class":"LlamaTokenizer"}""")
            .WithFile("special_tokens_map.json", """{"bos_token":"<s>","eos_token":"</s>"}""")
            .WithFile("tokenizer.model", 24 * 1024)
            .WithFile("model-00001-of-00002.safetensors", 300 * 1024)
            .WithFile("model-00002-of-00002.safetensors", 200 * 1024)
            .WithFile("model.safetensors.index.json", """{"metadata":{"total_size":512000},"weight_map":{"model.embed_tokens.weight":"model-00001-of-00002.safetensors","lm_head.weight":"model-00002-of-00002.safetensors"}}""")
            .WithFile("pytorch_model.bin", 500 * 1024)
            .WithFile("onnx/model.onnx", 400 * 1024)
            .WithTags("transformers", "safetensors", "pytorch", "onnx", "llama", "text-generation", "license:mit", "region:us")
            .WithPipelineTag("text-generation")
            .WithLibrary("transformers")
            .WithCardData("""{"license":"mit","library_name":"transformers","pipeline_tag":"text-generation"}""")
            .WithInfoField("safetensors", """{"parameters":{"F32":128000},"total":128000}""")
            .WithDownloads(54_000)
            .WithLikes(87);

    private static RepoFixture Diffusers()
    {
        var repo = RepoFixture.Model(DiffusersRepo)
            .WithFile(".gitattributes", GitAttributes)
            .WithFile("README.md", "---\nlicense: openrail\nlibrary_name: diffusers\n---\n# tiny-diffusers\n")
            .WithFile("model_index.json", """{"_class_name":"StableDiffusionPipeline","_diffusers_version":"0.30.0","scheduler":["diffusers","PNDMScheduler"],"text_encoder":["transformers","CLIPTextModel"],"tokenizer":["transformers","CLIPTokenizer"],"unet":["diffusers","UNet2DConditionModel"],"vae":["diffusers","AutoencoderKL"]}""")
            .WithFile("scheduler/scheduler_config.json", """{"_class_name":"PNDMScheduler","num_train_timesteps":1000}""")
            .WithFile("tokenizer/vocab.json", """{"a":0,"b":1}""")
            .WithFile("tokenizer/merges.txt", "#version: 0.2\na b\n")
            .WithFile("tokenizer/tokenizer_config.json", """{"model_max_length":77}""")
            .WithFile("text_encoder/config.json", """{"architectures":["CLIPTextModel"],"model_type":"clip_text_model"}""")
            .WithFile("unet/config.json", """{"_class_name":"UNet2DConditionModel","sample_size":32}""")
            .WithFile("vae/config.json", """{"_class_name":"AutoencoderKL","latent_channels":4}""")
            .WithTags("diffusers", "safetensors", "text-to-image", "stable-diffusion", "region:us")
            .WithPipelineTag("text-to-image")
            .WithLibrary("diffusers")
            .WithDownloads(9_000)
            .WithLikes(12);
        foreach (var (component, name, size) in (ReadOnlySpan<(string, string, int)>)[("unet", "diffusion_pytorch_model", 320), ("vae", "diffusion_pytorch_model", 160), ("text_encoder", "model", 120)])
        {
            repo.WithFile($"{component}/{name}.safetensors", size * 1024)
                .WithFile($"{component}/{name}.fp16.safetensors", size * 512)
                .WithFile($"{component}/{name}.bin", size * 1024);
        }

        return repo;
    }

    private static RepoFixture Parquet()
    {
        const string Readme = "---\nlicense: cc-by-4.0\nconfigs:\n- config_name: default\n  data_files:\n  - split: train\n    path: data/train-*\n  - split: test\n    path: data/test-*\n---\n# tiny-parquet\n";
        return RepoFixture.Dataset(ParquetDataset)
            .WithFile(".gitattributes", GitAttributes)
            .WithFile("README.md", Readme)
            .WithFile("data/train-00000-of-00003.parquet", 80 * 1024)
            .WithFile("data/train-00001-of-00003.parquet", 80 * 1024)
            .WithFile("data/train-00002-of-00003.parquet", 64 * 1024)
            .WithFile("data/test-00000-of-00001.parquet", 40 * 1024)
            .WithConvert("parquet", files => files
                .WithoutFile("data/train-00000-of-00003.parquet").WithoutFile("data/train-00001-of-00003.parquet")
                .WithoutFile("data/train-00002-of-00003.parquet").WithoutFile("data/test-00000-of-00001.parquet")
                .WithFile("default/train/0000.parquet", 200 * 1024).WithFile("default/test/0000.parquet", 40 * 1024))
            .WithTags("size_categories:1K<n<10K", "format:parquet", "modality:text", "library:datasets", "region:us")
            .WithCardData("""{"license":"cc-by-4.0","configs":[{"config_name":"default","data_files":[{"split":"train","path":"data/train-*"},{"split":"test","path":"data/test-*"}]}]}""")
            .WithDownloads(3_400)
            .WithLikes(9);
    }

    private static RepoFixture ManyFiles()
    {
        var repo = RepoFixture.Model(ManyFilesRepo).WithFile("README.md", "# many files\n").WithTags("emulator");
        for (var i = 0; i < ManyFilesCount - 1; i++)
        {
            var folder = (i % 3) switch
            {
                0 => "",
                1 => "part-a/",
                _ => "part-b/nested/",
            };
            repo.WithFile(string.Create(CultureInfo.InvariantCulture, $"{folder}file-{i:000}.txt"), 100 + (i * 13));
        }

        return repo;
    }

    private static RepoFixture PrivateModel() =>
        RepoFixture.Model(PrivateRepo)
            .WithFile("README.md", "# private\n")
            .WithFile("config.json", LlamaConfig)
            .WithFile("model.safetensors", 64 * 1024)
            .WithTags("transformers", "safetensors")
            .WithLibrary("transformers")
            .Private();

    private static RepoFixture GatedModel() =>
        RepoFixture.Model(GatedRepo)
            .WithFile("README.md", "---\nextra_gated_prompt: Accept the license\n---\n# gated\n")
            .WithFile("config.json", LlamaConfig)
            .WithFile("model.safetensors", 64 * 1024)
            .WithTags("transformers", "safetensors")
            .WithLibrary("transformers")
            .WithPipelineTag("text-generation")
            .Gated("manual");

    private static RepoFixture Refs() =>
        RepoFixture.Model(RefsRepo)
            .WithFile("README.md", "# refs, main\n")
            .WithFile("config.json", LlamaConfig)
            .WithFile("model.safetensors", 32 * 1024)
            .WithTag(RefsTag)
            .WithPullRequest(RefsPullRequest, files => files.WithFile("README.md", "# refs, pull request 1\n"))
            .WithBranch(RefsSlashBranch, files => files.WithFile("long-context.safetensors", 16 * 1024).WithFile("README.md", "# refs, long context\n"))
            .WithTags("transformers", "safetensors")
            .WithLibrary("transformers");

    private static RepoFixture NoNamespace() =>
        RepoFixture.Model(NoNamespaceRepo)
            .WithFile("config.json", """{"architectures":["GPT2LMHeadModel"],"model_type":"gpt2"}""")
            .WithFile("model.safetensors", 16 * 1024)
            .WithTags("transformers", "safetensors", "gpt2")
            .WithLibrary("transformers")
            .WithPipelineTag("text-generation");
}
