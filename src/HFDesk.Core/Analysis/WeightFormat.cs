namespace HFDesk.Core.Analysis;

/// <summary>Serialization formats model weights come in; one repo often carries several copies of the same weights.</summary>
internal enum WeightFormat
{
    Safetensors,
    PyTorchBin,
    Checkpoint,
    Onnx,
    TensorFlow,
    Flax,
    Rust,
    CoreMl,
    OpenVino,
    Gguf,
}
