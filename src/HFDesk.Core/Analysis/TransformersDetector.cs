namespace HFDesk.Core.Analysis;

/// <summary>Plain checkpoints (safetensors, .bin…), refined to audio, vision or vision-language when the config says so.</summary>
internal static class TransformersDetector
{
    public static ModelDetection Detect(AnalysisContext context) =>
        new(ModalityRefiner.Refine(context) ?? RepoKind.Transformers);
}
