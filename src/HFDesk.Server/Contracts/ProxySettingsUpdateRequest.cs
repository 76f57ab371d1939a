namespace HFDesk.Server.Contracts;

/// <summary><c>proxy</c> in <c>POST /api/settings</c>: null fields keep their value.</summary>
internal sealed record ProxySettingsUpdateRequest
{
    public string? Url { get; init; }

    public string? Username { get; init; }

    /// <summary>Null keeps the stored password, <c>""</c> clears it, anything else replaces it.</summary>
    public string? Password { get; init; }

    public string? NoProxy { get; init; }

    public bool? NoEnvProxy { get; init; }

    public bool? InsecureSkipVerify { get; init; }
}
