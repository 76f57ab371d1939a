namespace HFDesk.Core.Settings;

/// <summary>
/// The <c>hardware</c> setting: what fit badges assume instead of what was measured. Each null field keeps the
/// measured value, so a user can correct only the VRAM a driver misreports.
/// </summary>
internal sealed record HardwareSettings
{
    public long? Ram { get; init; }

    public long? Vram { get; init; }

    public bool? UnifiedMemory { get; init; }

    public static HardwareSettings Measured { get; } = new();
}
