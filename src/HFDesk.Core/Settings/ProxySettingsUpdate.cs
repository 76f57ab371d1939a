namespace HFDesk.Core.Settings;

/// <summary>A partial change of the proxy settings: null fields keep their value.</summary>
internal sealed record ProxySettingsUpdate
{
    public string? Url { get; init; }

    public string? Username { get; init; }

    /// <summary>Null keeps the stored password, <c>""</c> clears it, anything else replaces it.</summary>
    public string? Password { get; init; }

    public string? NoProxy { get; init; }

    public bool? NoEnvProxy { get; init; }

    public bool? InsecureSkipVerify { get; init; }
}
