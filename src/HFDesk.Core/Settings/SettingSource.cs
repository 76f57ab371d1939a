namespace HFDesk.Core.Settings;

/// <summary>
/// Which layer an effective value came from: command line beats environment beats config file. The token has
/// one more layer below the config file: the Hugging Face token file (<c>hf auth login</c>).
/// </summary>
internal enum SettingSource
{
    Default,
    TokenFile,
    ConfigFile,
    Environment,
    CommandLine,
}
