namespace HFDesk.Server.Contracts;

/// <summary>The proxy as GET shows it: the password is write-only, so only whether one is set.</summary>
internal sealed record ProxySettingsResponse(
    string Url,
    string Username,
    bool HasPassword,
    string NoProxy,
    bool NoEnvProxy,
    bool InsecureSkipVerify);
