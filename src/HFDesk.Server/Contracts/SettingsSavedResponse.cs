namespace HFDesk.Server.Contracts;

/// <summary><c>POST /api/settings</c> success: the message api.md specifies and the settings now in effect.</summary>
internal sealed record SettingsSavedResponse(bool Ok, string Message, bool Persisted, SettingsResponse Settings);
