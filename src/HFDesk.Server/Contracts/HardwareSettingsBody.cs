namespace HFDesk.Server.Contracts;

/// <summary>
/// <c>hardware</c>, the same shape in GET and POST <c>/api/settings</c>: what fit badges assume; a null field means
/// the measured value (<c>GET /api/system</c>).
/// </summary>
internal sealed record HardwareSettingsBody(long? Ram, long? Vram, bool? UnifiedMemory);
