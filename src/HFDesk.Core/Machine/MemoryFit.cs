namespace HFDesk.Core.Machine;

/// <summary>How a model would run on this machine, best first.</summary>
internal enum MemoryFit
{
    /// <summary>Weights, KV cache and buffers fit in GPU memory.</summary>
    FullGpu,

    /// <summary>Some layers on the GPU, the rest in RAM: runs, slower.</summary>
    PartialGpu,

    /// <summary>No GPU to speak of, but it fits in RAM.</summary>
    CpuOnly,

    /// <summary>More than RAM and VRAM together: it would swap or fail to load.</summary>
    TooLarge,
}
