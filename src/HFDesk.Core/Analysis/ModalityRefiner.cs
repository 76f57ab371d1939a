namespace HFDesk.Core.Analysis;

/// <summary>
/// Tells speech, vision and vision-language models apart from text models, from config.json (architectures,
/// sub-configs), the preprocessor config and the Hub's pipeline tag.
/// </summary>
internal static class ModalityRefiner
{
    private static readonly string[] AudioPipelines =
        ["automatic-speech-recognition", "text-to-speech", "text-to-audio", "audio-classification", "audio-to-audio", "voice-activity-detection"];

    private static readonly string[] VisionPipelines =
        ["image-classification", "object-detection", "image-segmentation", "depth-estimation", "image-feature-extraction", "mask-generation", "keypoint-detection", "video-classification"];

    private static readonly string[] MultimodalPipelines =
        ["image-text-to-text", "visual-question-answering", "image-to-text", "any-to-any", "zero-shot-image-classification", "document-question-answering", "video-text-to-text"];

    private static readonly string[] AudioWords =
        ["Whisper", "Wav2Vec", "Hubert", "WavLM", "Speech", "Audio", "Encodec", "Bark", "Musicgen", "Seamless", "Mimi", "Parakeet", "Vits", "Clap", "Unispeech"];

    private static readonly string[] VisionWords =
        ["ViT", "Deit", "Beit", "Swin", "ConvNext", "ResNet", "ImageClassification", "ObjectDetection", "Segmentation", "Detr", "Yolos", "Dinov2", "Sam", "DepthEstimation", "Segformer", "Mask2Former", "VisionModel", "EfficientNet", "MobileNet"];

    private static readonly string[] MultimodalWords =
        ["VL", "Llava", "Vision2Seq", "ImageTextToText", "Blip", "Idefics", "PaliGemma", "Mllama", "Florence", "Pixtral", "InternVL", "Molmo", "Kosmos", "CLIPModel", "SiglipModel"];

    public static RepoKind? Refine(AnalysisContext context)
    {
        var config = context.Metadata.Config;
        var architectures = config.GetStrings("architectures");
        var pipeline = context.Hints.PipelineTag;

        // Vision-language models nest a vision tower next to the text model.
        if (config.Has("vision_config") && (config.Has("text_config") || architectures.Any(a => a.Contains("ConditionalGeneration", StringComparison.Ordinal)))
            || MultimodalPipelines.Contains(pipeline, StringComparer.OrdinalIgnoreCase)
            || architectures.Any(a => ContainsWord(a, MultimodalWords)))
        {
            return RepoKind.Multimodal;
        }

        var feature = context.Metadata.PreprocessorConfig.GetString("feature_extractor_type") ?? "";
        if (AudioPipelines.Contains(pipeline, StringComparer.OrdinalIgnoreCase)
            || architectures.Any(a => ContainsWord(a, AudioWords))
            || feature.Contains("Audio", StringComparison.OrdinalIgnoreCase) || feature.Contains("Whisper", StringComparison.OrdinalIgnoreCase))
        {
            return RepoKind.Audio;
        }

        if (VisionPipelines.Contains(pipeline, StringComparer.OrdinalIgnoreCase)
            || architectures.Any(a => ContainsWord(a, VisionWords)))
        {
            return RepoKind.Vision;
        }

        return null;
    }

    // Word match on CamelCase boundaries so "Sam" does not hit "Samba" and "VL" does not hit "VLLM"-less names.
    private static bool ContainsWord(string architecture, string[] words)
    {
        foreach (var word in words)
        {
            var index = architecture.IndexOf(word, StringComparison.Ordinal);
            while (index >= 0)
            {
                var end = index + word.Length;
                var before = index == 0 ? '_' : architecture[index - 1];
                var startOk = !char.IsLetter(before) || char.IsLower(before) || (word.Length > 1 && char.IsLower(word[1]));
                var endOk = end == architecture.Length || char.IsUpper(architecture[end]) || architecture[end] == '_' || char.IsDigit(architecture[end]);
                if (startOk && endOk)
                {
                    return true;
                }

                index = architecture.IndexOf(word, index + 1, StringComparison.Ordinal);
            }
        }

        return false;
    }
}
