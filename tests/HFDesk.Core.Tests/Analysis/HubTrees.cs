using HFDesk.Core.Hub;

namespace HFDesk.Core.Tests.Analysis;

/// <summary>File lists as they appear on the Hub (names and layouts copied from real repos, sizes rounded).</summary>
internal static class HubTrees
{
    /// <summary>The trees table-driven tests name by a short key (theory data must be serializable strings).</summary>
    // A getter, not an initializer: static initializers run in text order and the trees are declared below.
    public static IReadOnlyDictionary<string, IReadOnlyList<RepoFile>> ByName => new Dictionary<string, IReadOnlyList<RepoFile>>
    {
        ["bartowski"] = BartowskiLlama,
        ["unsloth"] = UnslothQwenMoe,
        ["folders"] = UnslothDeepSeekFolders,
        ["gemma"] = UnslothGemmaVision,
        ["qwenvl"] = BartowskiQwenVision,
        ["thebloke"] = TheBlokeLlama2,
        ["gptoss"] = GptOssNoQ4KM,
        ["bert"] = BertAllFormats,
        ["sdxl"] = SdxlDiffusers,
    };

    // bartowski layout: one file per quant in the root, _L variants with Q8_0 embeddings, imatrix beside them.
    public static IReadOnlyList<RepoFile> BartowskiLlama { get; } = TreeFixture.Parse("""
        .gitattributes 2.8K
        README.md 9.1K
        Llama-3.2-3B-Instruct-f16.gguf 6.43G
        Llama-3.2-3B-Instruct-Q8_0.gguf 3.42G
        Llama-3.2-3B-Instruct-Q6_K_L.gguf 2.74G
        Llama-3.2-3B-Instruct-Q6_K.gguf 2.64G
        Llama-3.2-3B-Instruct-Q5_K_L.gguf 2.42G
        Llama-3.2-3B-Instruct-Q5_K_M.gguf 2.32G
        Llama-3.2-3B-Instruct-Q5_K_S.gguf 2.27G
        Llama-3.2-3B-Instruct-Q4_K_L.gguf 2.11G
        Llama-3.2-3B-Instruct-Q4_K_M.gguf 2.02G
        Llama-3.2-3B-Instruct-Q4_K_S.gguf 1.93G
        Llama-3.2-3B-Instruct-Q4_0.gguf 1.92G
        Llama-3.2-3B-Instruct-Q4_0_4_4.gguf 1.92G
        Llama-3.2-3B-Instruct-IQ4_XS.gguf 1.83G
        Llama-3.2-3B-Instruct-Q3_K_XL.gguf 1.91G
        Llama-3.2-3B-Instruct-Q3_K_L.gguf 1.82G
        Llama-3.2-3B-Instruct-Q3_K_M.gguf 1.69G
        Llama-3.2-3B-Instruct-IQ3_M.gguf 1.60G
        Llama-3.2-3B-Instruct-Q3_K_S.gguf 1.54G
        Llama-3.2-3B-Instruct-IQ3_XS.gguf 1.48G
        Llama-3.2-3B-Instruct-Q2_K_L.gguf 1.64G
        Llama-3.2-3B-Instruct-Q2_K.gguf 1.36G
        Llama-3.2-3B-Instruct-IQ2_M.gguf 1.23G
        Llama-3.2-3B-Instruct.imatrix 3.4M
        """);

    // unsloth layout: UD- dynamic quants next to plain ones, BF16 split into a folder, imatrix as a .gguf side file.
    public static IReadOnlyList<RepoFile> UnslothQwenMoe { get; } = TreeFixture.Parse("""
        .gitattributes 3.1K
        README.md 13K
        config.json 1.1K
        params 233
        Qwen3-30B-A3B-UD-IQ1_S.gguf 9.05G
        Qwen3-30B-A3B-UD-Q2_K_XL.gguf 11.8G
        Qwen3-30B-A3B-Q3_K_M.gguf 14.7G
        Qwen3-30B-A3B-UD-Q4_K_XL.gguf 17.7G
        Qwen3-30B-A3B-Q4_K_M.gguf 18.6G
        Qwen3-30B-A3B-Q6_K.gguf 25.1G
        Qwen3-30B-A3B-Q8_0.gguf 32.5G
        BF16/Qwen3-30B-A3B-BF16-00001-of-00002.gguf 49.8G
        BF16/Qwen3-30B-A3B-BF16-00002-of-00002.gguf 11.3G
        imatrix_unsloth.gguf 2.1M
        """);

    // Big-model layout: every quant in its own folder, split into shards.
    public static IReadOnlyList<RepoFile> UnslothDeepSeekFolders { get; } = TreeFixture.Parse("""
        .gitattributes 1.9K
        README.md 21K
        DeepSeek-R1-Q4_K_M/DeepSeek-R1-Q4_K_M-00001-of-00003.gguf 49.9G
        DeepSeek-R1-Q4_K_M/DeepSeek-R1-Q4_K_M-00002-of-00003.gguf 49.9G
        DeepSeek-R1-Q4_K_M/DeepSeek-R1-Q4_K_M-00003-of-00003.gguf 4.2G
        DeepSeek-R1-UD-Q2_K_XL/DeepSeek-R1-UD-Q2_K_XL-00001-of-00005.gguf 49.6G
        DeepSeek-R1-UD-Q2_K_XL/DeepSeek-R1-UD-Q2_K_XL-00002-of-00005.gguf 49.6G
        DeepSeek-R1-UD-Q2_K_XL/DeepSeek-R1-UD-Q2_K_XL-00003-of-00005.gguf 49.6G
        DeepSeek-R1-UD-Q2_K_XL/DeepSeek-R1-UD-Q2_K_XL-00004-of-00005.gguf 49.6G
        DeepSeek-R1-UD-Q2_K_XL/DeepSeek-R1-UD-Q2_K_XL-00005-of-00005.gguf 13.5G
        DeepSeek-R1-UD-IQ1_S/DeepSeek-R1-UD-IQ1_S-00001-of-00002.gguf 49.5G
        DeepSeek-R1-UD-IQ1_S/DeepSeek-R1-UD-IQ1_S-00002-of-00002.gguf 43.0G
        DeepSeek-R1-Q8_0/DeepSeek-R1-Q8_0-00001-of-00015.gguf 48.0G
        DeepSeek-R1-Q8_0/DeepSeek-R1-Q8_0-00002-of-00015.gguf 48.0G
        """);

    // Vision GGUF (unsloth naming): projector in three precisions.
    public static IReadOnlyList<RepoFile> UnslothGemmaVision { get; } = TreeFixture.Parse("""
        .gitattributes 1.8K
        README.md 18K
        gemma-3-4b-it-Q2_K.gguf 1.73G
        gemma-3-4b-it-Q3_K_M.gguf 2.10G
        gemma-3-4b-it-Q4_K_M.gguf 2.49G
        gemma-3-4b-it-Q5_K_M.gguf 2.83G
        gemma-3-4b-it-Q6_K.gguf 3.19G
        gemma-3-4b-it-Q8_0.gguf 4.13G
        gemma-3-4b-it-BF16.gguf 7.77G
        mmproj-BF16.gguf 851M
        mmproj-F16.gguf 851M
        mmproj-F32.gguf 1.68G
        """);

    // Vision GGUF (bartowski naming): lower-case precision, model name inside the projector name.
    public static IReadOnlyList<RepoFile> BartowskiQwenVision { get; } = TreeFixture.Parse("""
        .gitattributes 2.2K
        README.md 8.8K
        Qwen_Qwen2.5-VL-7B-Instruct-IQ4_XS.gguf 4.25G
        Qwen_Qwen2.5-VL-7B-Instruct-Q5_K_M.gguf 5.44G
        Qwen_Qwen2.5-VL-7B-Instruct-Q6_K.gguf 6.25G
        Qwen_Qwen2.5-VL-7B-Instruct-Q6_K_L.gguf 6.52G
        Qwen_Qwen2.5-VL-7B-Instruct-bf16.gguf 15.2G
        mmproj-Qwen_Qwen2.5-VL-7B-Instruct-bf16.gguf 1.35G
        mmproj-Qwen_Qwen2.5-VL-7B-Instruct-f16.gguf 1.35G
        Qwen_Qwen2.5-VL-7B-Instruct.imatrix 4.9M
        """);

    // TheBloke layout: dot before the quant, licence and policy texts.
    public static IReadOnlyList<RepoFile> TheBlokeLlama2 { get; } = TreeFixture.Parse("""
        .gitattributes 1.5K
        LICENSE.txt 7.0K
        Notice 112
        README.md 32K
        USE_POLICY.md 4.8K
        config.json 29
        llama-2-7b-chat.Q2_K.gguf 2.83G
        llama-2-7b-chat.Q3_K_L.gguf 3.60G
        llama-2-7b-chat.Q3_K_M.gguf 3.30G
        llama-2-7b-chat.Q3_K_S.gguf 2.95G
        llama-2-7b-chat.Q4_0.gguf 3.83G
        llama-2-7b-chat.Q4_K_M.gguf 4.08G
        llama-2-7b-chat.Q4_K_S.gguf 3.86G
        llama-2-7b-chat.Q5_0.gguf 4.65G
        llama-2-7b-chat.Q5_K_M.gguf 4.78G
        llama-2-7b-chat.Q5_K_S.gguf 4.65G
        llama-2-7b-chat.Q6_K.gguf 5.53G
        llama-2-7b-chat.Q8_0.gguf 7.16G
        """);

    // A repo without Q4_K_M: MXFP4 original next to a few conversions.
    public static IReadOnlyList<RepoFile> GptOssNoQ4KM { get; } = TreeFixture.Parse("""
        .gitattributes 1.6K
        README.md 6.2K
        gpt-oss-20b-mxfp4.gguf 12.1G
        gpt-oss-20b-Q8_0.gguf 12.1G
        gpt-oss-20b-F16.gguf 13.8G
        gpt-oss-20b-Q3_K_S.gguf 11.2G
        gpt-oss-20b-Q5_K_S.gguf 11.6G
        """);

    // Meta layout: sharded safetensors plus the original consolidated .pth checkpoint.
    public static IReadOnlyList<RepoFile> MetaLlamaTransformers { get; } = TreeFixture.Parse("""
        .gitattributes 1.5K
        LICENSE 7.6K
        README.md 44K
        USE_POLICY.md 4.7K
        config.json 855
        generation_config.json 184
        model-00001-of-00004.safetensors 4.98G
        model-00002-of-00004.safetensors 5.00G
        model-00003-of-00004.safetensors 4.92G
        model-00004-of-00004.safetensors 1.17G
        model.safetensors.index.json 23.9K
        original/consolidated.00.pth 16.1G
        original/params.json 199
        original/tokenizer.model 2.18M
        special_tokens_map.json 296
        tokenizer.json 9.09M
        tokenizer_config.json 55.4K
        """);

    // The classic everything-format repo.
    public static IReadOnlyList<RepoFile> BertAllFormats { get; } = TreeFixture.Parse("""
        .gitattributes 491
        LICENSE 11K
        README.md 10K
        config.json 570
        coreml/fill-mask/float32_model.mlpackage/Data/com.apple.CoreML/model.mlmodel 165K
        coreml/fill-mask/float32_model.mlpackage/Data/com.apple.CoreML/weights/weight.bin 532M
        coreml/fill-mask/float32_model.mlpackage/Manifest.json 617
        flax_model.msgpack 438M
        model.onnx 532M
        model.safetensors 440M
        pytorch_model.bin 440M
        rust_model.ot 534M
        tf_model.h5 536M
        tokenizer.json 466K
        tokenizer_config.json 48
        vocab.txt 232K
        """);

    // Only .bin weights: the .bin item is then the one to take.
    public static IReadOnlyList<RepoFile> BinOnlyTransformers { get; } = TreeFixture.Parse("""
        .gitattributes 1.2K
        README.md 3.1K
        config.json 700
        pytorch_model.bin 990M
        special_tokens_map.json 2.2K
        spiece.model 792K
        tokenizer_config.json 2.3K
        """);

    public static IReadOnlyList<RepoFile> GptqLlama { get; } = TreeFixture.Parse("""
        .gitattributes 1.5K
        LICENSE 7.0K
        README.md 21K
        config.json 739
        generation_config.json 137
        model.safetensors 3.90G
        quantize_config.json 188
        special_tokens_map.json 411
        tokenizer.json 1.84M
        tokenizer.model 500K
        tokenizer_config.json 727
        """);

    public static IReadOnlyList<RepoFile> AwqMistral { get; } = TreeFixture.Parse("""
        .gitattributes 1.5K
        README.md 18K
        config.json 1.0K
        generation_config.json 116
        model.safetensors 4.15G
        special_tokens_map.json 414
        tokenizer.json 1.80M
        tokenizer.model 493K
        tokenizer_config.json 967
        """);

    // SDXL: fp16 variants, single-file checkpoints, onnx/openvino/flax duplicates, a LoRA and sample images.
    public static IReadOnlyList<RepoFile> SdxlDiffusers { get; } = TreeFixture.Parse("""
        .gitattributes 1.6K
        01.png 4.6M
        LICENSE.md 14K
        README.md 8.7K
        model_index.json 609
        scheduler/scheduler_config.json 479
        sd_xl_base_1.0.safetensors 6.94G
        sd_xl_base_1.0_0.9vae.safetensors 6.94G
        sd_xl_offset_example-lora_1.0.safetensors 49.6M
        text_encoder/config.json 565
        text_encoder/flax_model.msgpack 492M
        text_encoder/model.fp16.safetensors 246M
        text_encoder/model.onnx 493M
        text_encoder/model.safetensors 492M
        text_encoder/openvino_model.bin 492M
        text_encoder/openvino_model.xml 1.1M
        text_encoder_2/config.json 575
        text_encoder_2/model.fp16.safetensors 1.39G
        text_encoder_2/model.safetensors 2.78G
        tokenizer/merges.txt 525K
        tokenizer/special_tokens_map.json 472
        tokenizer/tokenizer_config.json 737
        tokenizer/vocab.json 1.06M
        tokenizer_2/merges.txt 525K
        tokenizer_2/special_tokens_map.json 460
        tokenizer_2/tokenizer_config.json 725
        tokenizer_2/vocab.json 1.06M
        unet/config.json 1.7K
        unet/diffusion_flax_model.msgpack 10.3G
        unet/diffusion_pytorch_model.fp16.safetensors 5.14G
        unet/diffusion_pytorch_model.safetensors 10.3G
        unet/model.onnx 7.3M
        unet/model.onnx_data 10.3G
        vae/config.json 642
        vae/diffusion_flax_model.msgpack 335M
        vae/diffusion_pytorch_model.fp16.safetensors 167M
        vae/diffusion_pytorch_model.safetensors 335M
        vae_decoder/config.json 607
        vae_decoder/model.onnx 198M
        vae_encoder/config.json 607
        vae_encoder/model.onnx 137M
        """);

    public static IReadOnlyList<RepoFile> LoraAdapter { get; } = TreeFixture.Parse("""
        .gitattributes 1.5K
        README.md 5.1K
        adapter_config.json 712
        adapter_model.safetensors 168M
        special_tokens_map.json 437
        tokenizer.json 9.09M
        tokenizer_config.json 50.6K
        training_args.bin 5.3K
        """);

    public static IReadOnlyList<RepoFile> OnnxCommunity { get; } = TreeFixture.Parse("""
        .gitattributes 1.5K
        README.md 3.0K
        config.json 700
        generation_config.json 132
        onnx/model.onnx 2.0M
        onnx/model.onnx_data 2.47G
        onnx/model_fp16.onnx 1.24G
        onnx/model_int8.onnx 625M
        onnx/model_q4.onnx 870M
        onnx/model_q4f16.onnx 530M
        onnx/model_quantized.onnx 625M
        special_tokens_map.json 414
        tokenizer.json 7.03M
        tokenizer_config.json 3.9K
        """);

    public static IReadOnlyList<RepoFile> MlxCommunity { get; } = TreeFixture.Parse("""
        .gitattributes 1.5K
        README.md 1.2K
        config.json 1.3K
        model.safetensors 1.81G
        model.safetensors.index.json 45K
        special_tokens_map.json 296
        tokenizer.json 17.2M
        tokenizer_config.json 54.6K
        """);

    public static IReadOnlyList<RepoFile> WhisperAudio { get; } = TreeFixture.Parse("""
        .gitattributes 1.5K
        README.md 21K
        added_tokens.json 34K
        config.json 1.3K
        flax_model.msgpack 3.09G
        generation_config.json 3.9K
        merges.txt 494K
        model.fp32-00001-of-00002.safetensors 4.99G
        model.fp32-00002-of-00002.safetensors 1.18G
        model.safetensors 3.09G
        model.safetensors.index.fp32.json 118K
        normalizer.json 52.7K
        preprocessor_config.json 340
        pytorch_model.bin 3.09G
        pytorch_model.bin.index.fp32.json 121K
        pytorch_model.fp32-00001-of-00002.bin 4.99G
        pytorch_model.fp32-00002-of-00002.bin 1.18G
        special_tokens_map.json 2.1K
        tokenizer.json 2.48M
        tokenizer_config.json 283K
        vocab.json 1.04M
        """);

    public static IReadOnlyList<RepoFile> VitVision { get; } = TreeFixture.Parse("""
        .gitattributes 690
        README.md 5.0K
        config.json 69.7K
        flax_model.msgpack 346M
        model.safetensors 346M
        preprocessor_config.json 160
        pytorch_model.bin 346M
        tf_model.h5 347M
        """);

    public static IReadOnlyList<RepoFile> QwenVlMultimodal { get; } = TreeFixture.Parse("""
        .gitattributes 1.5K
        README.md 18K
        chat_template.json 1.0K
        config.json 1.4K
        generation_config.json 216
        merges.txt 1.67M
        model-00001-of-00005.safetensors 3.90G
        model-00002-of-00005.safetensors 3.86G
        model-00003-of-00005.safetensors 3.86G
        model-00004-of-00005.safetensors 3.86G
        model-00005-of-00005.safetensors 1.09G
        model.safetensors.index.json 57.6K
        preprocessor_config.json 350
        tokenizer.json 7.03M
        tokenizer_config.json 5.7K
        vocab.json 2.78M
        """);

    // Parquet dataset with one config: splits as files.
    public static IReadOnlyList<RepoFile> ImdbParquet { get; } = TreeFixture.Parse("""
        .gitattributes 2.5K
        README.md 7.8K
        plain_text/test-00000-of-00001.parquet 20.5M
        plain_text/train-00000-of-00001.parquet 21.0M
        plain_text/unsupervised-00000-of-00001.parquet 42.0M
        """);

    // Parquet dataset with several subsets (configs) as folders.
    public static IReadOnlyList<RepoFile> GlueSubsets { get; } = TreeFixture.Parse("""
        .gitattributes 2.5K
        README.md 28K
        ax/test-00000-of-00001.parquet 80K
        cola/test-00000-of-00001.parquet 61K
        cola/train-00000-of-00001.parquet 251K
        cola/validation-00000-of-00001.parquet 37K
        mrpc/test-00000-of-00001.parquet 308K
        mrpc/train-00000-of-00001.parquet 649K
        mrpc/validation-00000-of-00001.parquet 75K
        sst2/test-00000-of-00001.parquet 148K
        sst2/train-00000-of-00001.parquet 3.11M
        sst2/validation-00000-of-00001.parquet 72K
        """);

    // A dataset published twice: JSON Lines originals and the Parquet conversion.
    public static IReadOnlyList<RepoFile> JsonAndParquetDataset { get; } = TreeFixture.Parse("""
        .gitattributes 2.4K
        README.md 4.4K
        data/train-00000-of-00002.parquet 210M
        data/train-00001-of-00002.parquet 209M
        data/test-00000-of-00001.parquet 21M
        train.jsonl 1.1G
        test.jsonl 110M
        """);

    // A web-scale corpus: dumps under data/<subset>/, samples under sample/<size>/ (fineweb layout).
    public static IReadOnlyList<RepoFile> FinewebCorpus { get; } = TreeFixture.Parse("""
        .gitattributes 2.9K
        README.md 36K
        data/CC-MAIN-2013-20/000_00000.parquet 21.5G
        data/CC-MAIN-2013-20/001_00000.parquet 21.5G
        data/CC-MAIN-2024-10/000_00000.parquet 21.5G
        data/CC-MAIN-2024-10/001_00000.parquet 21.5G
        sample/100BT/000_00000.parquet 21.5G
        sample/10BT/000_00000.parquet 2.15G
        sample/10BT/001_00000.parquet 2.15G
        """);
}
