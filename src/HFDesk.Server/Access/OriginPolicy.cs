namespace HFDesk.Server.Access;

/// <summary>
/// Which browser origins may call the API: none but our own and the <c>--allow-origin</c> list. A web page on
/// another origin can make a browser send requests to 127.0.0.1 (CSRF, and WebSockets are not covered by CORS),
/// so anything carrying a foreign <c>Origin</c> is refused before it is handled.
/// </summary>
internal sealed class OriginPolicy
{
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]", "::1"];

    private readonly HashSet<string> _allowedOrigins;
    private readonly HashSet<string> _allowedHosts;
    private readonly bool _checkHost;

    public OriginPolicy(IEnumerable<string> allowedOrigins, bool loopbackOnly)
    {
        _allowedOrigins = new HashSet<string>(allowedOrigins.Select(Normalize), StringComparer.OrdinalIgnoreCase);
        _allowedHosts = new HashSet<string>(LoopbackHosts, StringComparer.OrdinalIgnoreCase);
        foreach (var origin in _allowedOrigins)
        {
            if (Uri.TryCreate(origin, UriKind.Absolute, out var uri))
            {
                _allowedHosts.Add(uri.Host);
            }
        }

        _checkHost = loopbackOnly;
    }

    /// <summary>Null when allowed, else the reason for refusing.</summary>
    public string? Check(string? origin, string scheme, string host, string hostName)
    {
        // DNS rebinding: a page on evil.example re-pointed at 127.0.0.1 is same-origin with itself, so on a
        // loopback-only server the Host header must be a loopback name too.
        if (_checkHost && !_allowedHosts.Contains(hostName))
        {
            return $"Host '{host}' is not allowed on a loopback-only server";
        }

        if (string.IsNullOrEmpty(origin))
        {
            return null;
        }

        var normalized = Normalize(origin);
        if (string.Equals(normalized, Normalize($"{scheme}://{host}"), StringComparison.OrdinalIgnoreCase)
            || _allowedOrigins.Contains(normalized))
        {
            return null;
        }

        return $"Origin '{origin}' is not allowed (start the server with --allow-origin {origin} to allow it)";
    }

    public static string Normalize(string origin) => origin.Trim().TrimEnd('/');
}
