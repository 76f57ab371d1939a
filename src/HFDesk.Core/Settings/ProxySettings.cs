namespace HFDesk.Core.Settings;

internal sealed record ProxySettings
{
    public string Url { get; init; } = "";

    public string Username { get; init; } = "";

    /// <summary>Write-only through the API: never returned, only reported as set or not.</summary>
    public string Password { get; init; } = "";

    /// <summary>Comma-separated hosts that bypass the proxy, as in the NO_PROXY convention.</summary>
    public string NoProxy { get; init; } = "";

    /// <summary>Ignore HTTP(S)_PROXY from the environment.</summary>
    public bool NoEnvProxy { get; init; }

    public bool InsecureSkipVerify { get; init; }
}
