using HFDesk.Core.Storage;

namespace HFDesk.Core.Settings;

/// <summary>
/// One consistent view of the settings at a revision: what the config file holds, what is in effect after
/// the command line and environment are laid over it, and the storage roots that follow from that.
/// <see cref="TokenFile"/> is the Hugging Face token file's path when the token in effect came from it.
/// </summary>
internal sealed record SettingsSnapshot(
    long Revision,
    HfDeskSettings Configured,
    HfDeskSettings Effective,
    StorageRoots Roots,
    SettingSource TokenSource,
    SettingSource EndpointSource,
    string? TokenFile = null);
