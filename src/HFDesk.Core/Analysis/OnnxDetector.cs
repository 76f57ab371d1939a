namespace HFDesk.Core.Analysis;

/// <summary>ONNX-only exports (onnx-community, Xenova): every weight file is ONNX.</summary>
internal static class OnnxDetector
{
    public static ModelDetection? TryDetect(WeightFormatGroups groups) =>
        groups.HasWeights && groups.Groups.All(g => g.Format == WeightFormat.Onnx) ? new ModelDetection(RepoKind.Onnx) : null;
}
