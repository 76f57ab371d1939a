namespace HFDesk.Core.Analysis;

/// <summary>All files of one weight format and variant: weights, their index, and folders only they use.</summary>
internal sealed record WeightFormatGroup(WeightFormat Format, string? Variant, IReadOnlyList<string> Files, long Size)
{
    public string Id => Variant is null ? FormatId : $"{FormatId}-{Variant}";

    public string Label => Variant is null ? FormatLabel : $"{FormatLabel} ({Variant})";

    public string FormatId => Format switch
    {
        WeightFormat.PyTorchBin => "pytorch",
        WeightFormat.CoreMl => "coreml",
        WeightFormat.OpenVino => "openvino",
        _ => Format.ToString().ToLowerInvariant(),
    };

    public string FormatLabel => Format switch
    {
        WeightFormat.Safetensors => "Safetensors",
        WeightFormat.PyTorchBin => "PyTorch .bin",
        WeightFormat.Checkpoint => "PyTorch checkpoint (.pth/.pt/.ckpt)",
        WeightFormat.Onnx => "ONNX",
        WeightFormat.TensorFlow => "TensorFlow",
        WeightFormat.Flax => "Flax",
        WeightFormat.Rust => "Rust (rust-bert)",
        WeightFormat.CoreMl => "Core ML",
        WeightFormat.OpenVino => "OpenVINO",
        WeightFormat.Gguf => "GGUF",
        _ => Format.ToString(),
    };

    /// <summary>A filter that names this group; the analyzer checks it and falls back to others when it over-matches.</summary>
    public string FilterHint => (Format, Variant) switch
    {
        (WeightFormat.Onnx, null) => ".onnx",
        (WeightFormat.Onnx, _) => $"_{Variant}.onnx",
        (_, not null) => $".{Variant}",
        (WeightFormat.Safetensors, _) => ".safetensors",
        (WeightFormat.PyTorchBin, _) => "pytorch_model",
        (WeightFormat.Checkpoint, _) => ".pth",
        (WeightFormat.TensorFlow, _) => ".h5",
        (WeightFormat.Flax, _) => ".msgpack",
        (WeightFormat.Rust, _) => ".ot",
        (WeightFormat.CoreMl, _) => "coreml",
        (WeightFormat.OpenVino, _) => "openvino",
        _ => ".gguf",
    };

    public string Description => Format switch
    {
        WeightFormat.Safetensors when Variant is null => "Safetensors: safe and fast to load, what transformers and diffusers load by default",
        WeightFormat.Safetensors => $"Safetensors, {Variant} variant of the same weights",
        WeightFormat.PyTorchBin => "PyTorch pickle: the same weights in the older, slower and less safe format",
        WeightFormat.Checkpoint => "Original training checkpoint (pickle), for the authors' own code rather than transformers",
        WeightFormat.Onnx => Variant is null ? "ONNX export for onnxruntime and transformers.js" : $"ONNX export, {Variant}",
        WeightFormat.TensorFlow => "TensorFlow / Keras weights",
        WeightFormat.Flax => "Flax (JAX) weights",
        WeightFormat.Rust => "rust-bert weights",
        WeightFormat.CoreMl => "Core ML package for Apple devices",
        WeightFormat.OpenVino => "OpenVINO IR for Intel hardware",
        _ => "GGUF weights",
    };
}
