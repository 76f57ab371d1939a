namespace HFDesk.Core.Analysis;

/// <summary>What a repository holds, as the analyzer reports it (<c>type</c> in the analyze answer).</summary>
internal enum RepoKind
{
    Generic,
    Gguf,
    Transformers,
    Diffusers,
    Lora,
    Gptq,
    Awq,
    Quantized,
    Onnx,
    Mlx,
    Audio,
    Vision,
    Multimodal,
    Dataset,
}
