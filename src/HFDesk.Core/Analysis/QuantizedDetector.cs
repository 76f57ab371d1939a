namespace HFDesk.Core.Analysis;

/// <summary>
/// Pre-quantized checkpoints: <c>quantization_config.quant_method</c> in config.json (gptq, awq, bitsandbytes,
/// fp8, compressed-tensors…), or the older AutoGPTQ <c>quantize_config.json</c> / AutoAWQ <c>quant_config.json</c>.
/// </summary>
internal static class QuantizedDetector
{
    public static ModelDetection? TryDetect(AnalysisContext context)
    {
        var metadata = context.Metadata;
        var quantConfig = metadata.Config.GetObject("quantization_config");
        var method = quantConfig.GetString("quant_method")?.ToLowerInvariant()
            ?? metadata.QuantizeConfig.GetString("quant_method")?.ToLowerInvariant();
        if (method is null && context.HasFile(RepoMetadata.QuantConfigFile))
        {
            method = "awq";
        }
        else if (method is null && context.HasFile(RepoMetadata.QuantizeConfigFile))
        {
            method = "gptq";
        }

        if (method is null)
        {
            return null;
        }

        var bits = quantConfig.GetInt("bits") ?? metadata.QuantizeConfig.GetInt("bits") ?? metadata.QuantizeConfig.GetInt("w_bit")
            ?? (quantConfig.GetBool("load_in_4bit") ? 4 : quantConfig.GetBool("load_in_8bit") ? 8 : null);
        var kind = method switch
        {
            "gptq" => RepoKind.Gptq,
            "awq" => RepoKind.Awq,
            _ => RepoKind.Quantized,
        };
        return new ModelDetection(kind, method, bits);
    }
}
