namespace HFDesk.Core.Settings;

/// <summary>Outcome of <see cref="SettingsStore.UpdateAsync"/>: rejected with per-field errors, or applied (and maybe not persisted).</summary>
internal sealed record SettingsUpdateResult(
    bool Applied,
    bool Persisted,
    string Message,
    IReadOnlyDictionary<string, string> Errors,
    SettingsSnapshot Snapshot)
{
    public const string SavedMessage = "Settings saved";
    public const string NotPersistedMessage = "Settings updated (warning: could not persist to config file)";
    public const string RejectedMessage = "Invalid settings";

    /// <summary>Appended to the message when HFDesk's token was cleared but the Hugging Face token file still supplies one.</summary>
    public static string TokenFileStillApplies(string? tokenFile) =>
        $"; the token from the Hugging Face token file {tokenFile} still applies";
}
