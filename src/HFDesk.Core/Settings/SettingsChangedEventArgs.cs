namespace HFDesk.Core.Settings;

internal sealed class SettingsChangedEventArgs(SettingsSnapshot snapshot) : EventArgs
{
    public SettingsSnapshot Snapshot { get; } = snapshot;
}
