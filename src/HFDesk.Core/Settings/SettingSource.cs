namespace HFDesk.Core.Settings;

/// <summary>Which layer an effective value came from: command line beats environment beats config file.</summary>
public enum SettingSource
{
    Default,
    ConfigFile,
    Environment,
    CommandLine,
}
