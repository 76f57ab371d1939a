namespace HFDesk.Core.Machine;

/// <param name="Name">As the driver names it ("NVIDIA GeForce RTX 4090").</param>
/// <param name="Vram">Dedicated memory in bytes; null when the driver does not say (integrated, Apple).</param>
/// <param name="Vendor"><c>nvidia</c>, <c>amd</c>, <c>intel</c>, <c>apple</c> or <c>unknown</c>.</param>
internal sealed record GpuInfo(string Name, long? Vram, string Vendor);
