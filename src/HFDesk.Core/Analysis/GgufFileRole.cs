namespace HFDesk.Core.Analysis;

internal enum GgufFileRole
{
    /// <summary>Language model weights at some quantization.</summary>
    Model,

    /// <summary>A multimodal projector (<c>mmproj</c>): the vision encoder a vision model needs for images.</summary>
    VisionProjector,

    /// <summary>Not weights: importance matrices and similar by-products of quantizing.</summary>
    SideFile,
}
