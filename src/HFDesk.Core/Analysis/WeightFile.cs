using System.Text.RegularExpressions;

namespace HFDesk.Core.Analysis;

/// <summary>
/// A file that belongs to one weight format: the weights themselves or their index/sidecar
/// (<c>model.safetensors.index.json</c>, <c>openvino_model.xml</c>). <see cref="Variant"/> is the precision
/// marker diffusers and transformers put in names (<c>model.fp16.safetensors</c>), or the dtype suffix of
/// ONNX exports (<c>model_q4f16.onnx</c>); null for the default weights.
/// </summary>
internal sealed partial record WeightFile(string Path, WeightFormat Format, string? Variant, bool IsWeights)
{
    // Not weights even though the extension says so: pickled training arguments and optimizer state.
    private static readonly HashSet<string> NotWeights = new(StringComparer.OrdinalIgnoreCase)
    {
        "training_args.bin", "optimizer.bin", "optimizer.pt", "scheduler.pt", "rng_state.pth", "scaler.pt",
    };

    public static WeightFile? Classify(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        if (NotWeights.Contains(name))
        {
            return null;
        }

        var lower = path.ToLowerInvariant();
        var variant = PrecisionVariant().Match(name) is { Success: true } v ? v.Groups[1].Value.ToLowerInvariant() : null;
        if (lower.EndsWith(".gguf", StringComparison.Ordinal))
        {
            return new WeightFile(path, WeightFormat.Gguf, null, true);
        }

        if (name.Contains("openvino", StringComparison.OrdinalIgnoreCase) || lower.Contains("openvino/", StringComparison.Ordinal))
        {
            return new WeightFile(path, WeightFormat.OpenVino, variant, lower.EndsWith(".bin", StringComparison.Ordinal));
        }

        if (lower.StartsWith("coreml/", StringComparison.Ordinal) || lower.Contains("/coreml/", StringComparison.Ordinal)
            || lower.Contains(".mlpackage/", StringComparison.Ordinal) || lower.EndsWith(".mlmodel", StringComparison.Ordinal))
        {
            return new WeightFile(path, WeightFormat.CoreMl, variant, lower.EndsWith(".bin", StringComparison.Ordinal) || lower.EndsWith(".mlmodel", StringComparison.Ordinal));
        }

        if (lower.EndsWith(".onnx", StringComparison.Ordinal) || lower.EndsWith(".onnx_data", StringComparison.Ordinal)
            || lower.EndsWith(".onnx.data", StringComparison.Ordinal))
        {
            return new WeightFile(path, WeightFormat.Onnx, OnnxVariant(name), true);
        }

        if (lower.EndsWith(".safetensors", StringComparison.Ordinal))
        {
            return new WeightFile(path, WeightFormat.Safetensors, variant, true);
        }

        if (IsIndex(lower, ".safetensors.index"))
        {
            return new WeightFile(path, WeightFormat.Safetensors, variant, false);
        }

        if (IsIndex(lower, ".bin.index"))
        {
            return new WeightFile(path, WeightFormat.PyTorchBin, variant, false);
        }

        return System.IO.Path.GetExtension(lower) switch
        {
            ".bin" => new WeightFile(path, WeightFormat.PyTorchBin, variant, true),
            ".pth" or ".pt" or ".ckpt" => new WeightFile(path, WeightFormat.Checkpoint, variant, true),
            ".h5" or ".tflite" => new WeightFile(path, WeightFormat.TensorFlow, variant, true),
            ".msgpack" => new WeightFile(path, WeightFormat.Flax, variant, true),
            ".ot" => new WeightFile(path, WeightFormat.Rust, variant, true),
            _ => null,
        };
    }

    public static bool IsMedia(string path) =>
        System.IO.Path.GetExtension(path).ToLowerInvariant() is ".png" or ".jpg" or ".jpeg" or ".gif" or ".webp" or ".svg" or ".mp4" or ".webm";

    private static bool IsIndex(string lower, string marker) =>
        lower.EndsWith(".json", StringComparison.Ordinal) && lower.Contains(marker, StringComparison.Ordinal);

    private static string? OnnxVariant(string name)
    {
        var stem = name[..name.IndexOf(".onnx", StringComparison.OrdinalIgnoreCase)];
        var match = OnnxDtypeSuffix().Match(stem);
        return match.Success ? match.Groups[1].Value.ToLowerInvariant() : null;
    }

    // "model.fp16.safetensors", "model.fp32-00001-of-00002.safetensors", "model.safetensors.index.fp32.json".
    [GeneratedRegex(@"\.(fp16|fp32|bf16|fp8|non_ema|ema_only)(?=\.|-\d{5}-of-)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PrecisionVariant();

    // transformers.js / optimum export names: model_fp16.onnx, decoder_model_merged_q4f16.onnx.
    [GeneratedRegex(@"_(fp16|fp32|int8|uint8|q4|q4f16|q8|bnb4|quantized)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OnnxDtypeSuffix();
}
