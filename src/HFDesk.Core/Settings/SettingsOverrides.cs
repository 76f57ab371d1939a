namespace HFDesk.Core.Settings;

/// <summary>Values given on the command line; they win over the environment and the config file.</summary>
internal sealed record SettingsOverrides
{
    public static SettingsOverrides None { get; } = new();

    public string? CacheDir { get; init; }

    public string? LocalDir { get; init; }

    public string? Endpoint { get; init; }

    public string? Token { get; init; }

    public string? DataDir { get; init; }

    /// <summary><c>--max-speed</c> of one CLI run: beats the maxSpeed setting, never saved.</summary>
    public string? MaxSpeed { get; init; }

    /// <summary><c>--allow-request-local-dir</c>: can only turn the permission on.</summary>
    public bool AllowRequestLocalDir { get; init; }
}
