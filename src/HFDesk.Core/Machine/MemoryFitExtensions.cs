namespace HFDesk.Core.Machine;

internal static class MemoryFitExtensions
{
    public static string ApiName(this MemoryFit fit) => fit switch
    {
        MemoryFit.FullGpu => "full_gpu",
        MemoryFit.PartialGpu => "partial_gpu",
        MemoryFit.CpuOnly => "cpu_only",
        _ => "too_large",
    };

    /// <summary>The badge's words, for the CLI and anyone who does not want to translate the API name.</summary>
    public static string Describe(this MemoryFit fit) => fit switch
    {
        MemoryFit.FullGpu => "fits on the GPU",
        MemoryFit.PartialGpu => "partly on the GPU",
        MemoryFit.CpuOnly => "runs on the CPU",
        _ => "too large for this machine",
    };
}
