namespace HFDesk.Core.Settings;

public sealed class SettingsChangedEventArgs(SettingsSnapshot snapshot) : EventArgs
{
    public SettingsSnapshot Snapshot { get; } = snapshot;
}
