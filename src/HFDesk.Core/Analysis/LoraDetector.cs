namespace HFDesk.Core.Analysis;

/// <summary>PEFT adapters: <c>adapter_config.json</c> or <c>adapter_model.*</c> weights.</summary>
internal static class LoraDetector
{
    public static ModelDetection? TryDetect(AnalysisContext context)
    {
        var adapter = context.Metadata.AdapterConfig;
        if (adapter is null && !context.Files.Any(f => f.FileName.StartsWith("adapter_model.", StringComparison.Ordinal))
            && !context.HasFile(RepoMetadata.AdapterConfigFile))
        {
            return null;
        }

        return new ModelDetection(RepoKind.Lora, AdapterType: adapter.GetString("peft_type")?.ToUpperInvariant());
    }
}
