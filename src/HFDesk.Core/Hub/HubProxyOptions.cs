namespace HFDesk.Core.Hub;

/// <summary>How requests to the Hub reach the network when a proxy is involved.</summary>
/// <param name="Url">Explicit proxy (<c>http://host:port</c>); null uses the environment (HTTP(S)_PROXY) unless <paramref name="NoEnvProxy"/>.</param>
/// <param name="Username">Proxy user for Basic auth, or null.</param>
/// <param name="Password">Write-only in the API; never logged.</param>
/// <param name="NoProxy">Comma-separated hosts (or <c>.suffix</c>) reached directly, as curl's NO_PROXY.</param>
/// <param name="NoEnvProxy">Ignore HTTP(S)_PROXY/NO_PROXY from the environment.</param>
/// <param name="InsecureSkipVerify">Accept any TLS certificate (corporate interception proxies); off by default.</param>
internal sealed record HubProxyOptions(
    string? Url = null,
    string? Username = null,
    string? Password = null,
    string? NoProxy = null,
    bool NoEnvProxy = false,
    bool InsecureSkipVerify = false)
{
    public static HubProxyOptions None { get; } = new();

    // The proxy password is write-only: keep it out of anything that prints the options.
    public override string ToString() =>
        $"HubProxyOptions {{ Url = {Url ?? "environment"}, Username = {Username ?? "none"}, NoProxy = {NoProxy}, NoEnvProxy = {NoEnvProxy}, InsecureSkipVerify = {InsecureSkipVerify} }}";
}
