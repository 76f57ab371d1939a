using HFDesk.Core.Units;

namespace HFDesk.Core.Analysis;

/// <summary>
/// Non-GGUF model repos that ship weight files. The family detectors (<see cref="LoraDetector"/>,
/// <see cref="MlxDetector"/>, <see cref="QuantizedDetector"/>, <see cref="OnnxDetector"/>,
/// <see cref="TransformersDetector"/>) decide the kind; all share one shape: format items, one format
/// recommended with its configs and tokenizer, duplicate formats left out.
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

        // Most specific first: an adapter or an MLX conversion may also carry quantization settings.
        var detection = LoraDetector.TryDetect(context)
            ?? MlxDetector.TryDetect(context)
            ?? QuantizedDetector.TryDetect(context)
            ?? OnnxDetector.TryDetect(groups)
            ?? TransformersDetector.Detect(context);
        var summary = new ModelSummary
        {
            Architectures = config.GetStrings("architectures"),
            ModelType = config.GetString("model_type"),
            QuantizationMethod = detection.QuantizationMethod,
            QuantizationBits = detection.QuantizationBits,
            BaseModel = context.Metadata.AdapterConfig.GetString("base_model_name_or_path"),
            Formats = [.. groups.Groups.Select(g => g.Label)],
        };

        return new FamilyAnalysis
        {
            Kind = detection.Kind,
            Description = Describe(detection, summary, groups, context),
            Items = groups.Items(context.Files),
            RecommendedFiles = groups.RecommendedFiles(),
            Model = summary,
        };
    }

    private static string Describe(ModelDetection detection, ModelSummary summary, WeightFormatGroups groups, AnalysisContext context)
    {
        var kind = detection.Kind;
        var architecture = summary.Architectures.Count > 0 ? $" ({summary.Architectures[0]})" : "";
        var bits = summary.QuantizationBits is { } b ? $" {b}-bit" : "";
        var what = kind switch
        {
            RepoKind.Lora => $"{detection.AdapterType ?? "LoRA"} adapter"
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
