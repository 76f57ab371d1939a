namespace HFDesk.Core.Analysis;

/// <summary>
/// MLX conversions: the Hub's <c>mlx</c> library/tag, or an MLX-style <c>quantization</c> block
/// (<c>{"group_size":64,"bits":4}</c>) in config.json where transformers would write <c>quantization_config</c>.
/// </summary>
internal static class MlxDetector
{
    public static ModelDetection? TryDetect(AnalysisContext context)
    {
        var config = context.Metadata.Config;
        var quantization = config.GetObject("quantization");
        var tagged = context.Hints.HasTag("mlx") || string.Equals(context.Hints.LibraryName, "mlx", StringComparison.OrdinalIgnoreCase);
        if (!tagged && (quantization is null || config.Has("quantization_config")))
        {
            return null;
        }

        return new ModelDetection(RepoKind.Mlx, quantization is null ? null : "mlx", quantization.GetInt("bits"));
    }
}
