namespace HFDesk.Server.Contracts;

/// <param name="Name">As the driver names it.</param>
/// <param name="Vram">Bytes; null when the driver does not say.</param>
/// <param name="Vendor"><c>nvidia</c>, <c>amd</c>, <c>apple</c>…</param>
internal sealed record SystemGpuResponse(string Name, long? Vram, string Vendor);
