using HFDesk.Core.Units;

namespace HFDesk.Core.Analysis;

/// <summary>
/// Non-GGUF model repos that ship weight files: LoRA adapters, MLX conversions, GPTQ/AWQ/other quantized
/// checkpoints, ONNX-only exports and plain transformers models (refined to audio/vision/multimodal).
/// They share one shape: format items, one format recommended with its configs and tokenizer.
/// </summary>
internal static class ModelFamilyDetector
{
    public static FamilyAnalysis? TryAnalyze(AnalysisContext context)
    {
        var groups = WeightFormatGroups.Build(context.Files);
        if (!groups.HasWeights)
        {
            return null;
        }

        var config = context.Metadata.Config;
        var (kind, quantMethod, bits) = Classify(context, groups);
        var summary = new ModelSummary
        {
            Architectures = config.GetStrings("architectures"),
            ModelType = config.GetString("model_type"),
            QuantizationMethod = quantMethod,
            QuantizationBits = bits,
            BaseModel = context.Metadata.AdapterConfig.GetString("base_model_name_or_path"),
            Formats = [.. groups.Groups.Select(g => g.Label)],
        };

        return new FamilyAnalysis
        {
            Kind = kind,
            Description = Describe(kind, summary, groups, context),
            Items = groups.Items(context.Files),
            RecommendedFiles = groups.RecommendedFiles(),
            Model = summary,
        };
    }

    private static (RepoKind Kind, string? Method, int? Bits) Classify(AnalysisContext context, WeightFormatGroups groups)
    {
        var metadata = context.Metadata;
        if (metadata.AdapterConfig is not null || context.Files.Any(f => f.FileName.StartsWith("adapter_model.", StringComparison.Ordinal)))
        {
            return (RepoKind.Lora, metadata.AdapterConfig.GetString("peft_type")?.ToLowerInvariant(), null);
        }

        var config = metadata.Config;
        var mlxQuant = config.GetObject("quantization");
        if (context.Hints.HasTag("mlx") || string.Equals(context.Hints.LibraryName, "mlx", StringComparison.OrdinalIgnoreCase)
            || (mlxQuant is not null && !config.Has("quantization_config")))
        {
            return (RepoKind.Mlx, mlxQuant is null ? null : "mlx", mlxQuant.GetInt("bits"));
        }

        var quantConfig = config.GetObject("quantization_config");
        var method = quantConfig.GetString("quant_method")?.ToLowerInvariant()
            ?? metadata.QuantizeConfig.GetString("quant_method")?.ToLowerInvariant();
        var bits = quantConfig.GetInt("bits") ?? metadata.QuantizeConfig.GetInt("bits") ?? metadata.QuantizeConfig.GetInt("w_bit")
            ?? (quantConfig.GetBool("load_in_4bit") ? 4 : quantConfig.GetBool("load_in_8bit") ? 8 : null);
        if (method is null && context.HasFile(RepoMetadata.QuantConfigFile))
        {
            method = "awq";
        }
        else if (method is null && context.HasFile(RepoMetadata.QuantizeConfigFile))
        {
            method = "gptq";
        }

        if (method is not null)
        {
            var kind = method switch
            {
                "gptq" => RepoKind.Gptq,
                "awq" => RepoKind.Awq,
                _ => RepoKind.Quantized,
            };
            return (kind, method, bits);
        }

        if (groups.Groups.All(g => g.Format == WeightFormat.Onnx))
        {
            return (RepoKind.Onnx, null, null);
        }

        return (ModalityRefiner.Refine(context) ?? RepoKind.Transformers, null, null);
    }

    private static string Describe(RepoKind kind, ModelSummary summary, WeightFormatGroups groups, AnalysisContext context)
    {
        var architecture = summary.Architectures.Count > 0 ? $" ({summary.Architectures[0]})" : "";
        var bits = summary.QuantizationBits is { } b ? $" {b}-bit" : "";
        var what = kind switch
        {
            RepoKind.Lora => $"LoRA adapter{(summary.QuantizationMethod is { } peft ? $" ({peft.ToUpperInvariant()})" : "")}"
                + (summary.BaseModel is { } baseModel ? $" for {baseModel}; load it on top of the base model" : "; load it on top of its base model"),
            RepoKind.Mlx => $"MLX model for Apple silicon{bits}{architecture}",
            RepoKind.Gptq => $"GPTQ{bits} quantized model{architecture} for GPU inference",
            RepoKind.Awq => $"AWQ{bits} quantized model{architecture} for GPU inference",
            RepoKind.Quantized => $"Quantized model ({summary.QuantizationMethod}{bits}){architecture}",
            RepoKind.Onnx => $"ONNX model{architecture} for onnxruntime and transformers.js",
            RepoKind.Audio => $"Transformers speech/audio model{architecture}",
            RepoKind.Vision => $"Transformers vision model{architecture}",
            RepoKind.Multimodal => $"Transformers vision-language model{architecture}",
            _ => $"Transformers model{architecture}",
        };

        var preferred = groups.Preferred!;
        var others = groups.Groups.Where(g => !ReferenceEquals(g, preferred)).Select(g => g.Label).ToList();
        var duplicates = others.Count == 0 ? "" : $"; {string.Join(", ", others)} copies left out";
        return $"{what}: {preferred.Label} weights, {ByteSize.Format(preferred.Size)} of {ByteSize.Format(context.TotalSize)}{duplicates}";
    }
}
