using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace HFDesk.Server;

/// <summary>Where the server listens, checked against the access rules before anything starts.</summary>
internal sealed record HfDeskServerBinding(IPAddress Address, int Port)
{
    public bool IsLoopback => IPAddress.IsLoopback(Address);

    /// <exception cref="ArgumentException">The options are unusable or unsafe (non-loopback without auth).</exception>
    public static HfDeskServerBinding Resolve(HfDeskServerOptions options) =>
        TryResolve(options, out var binding, out var error) ? binding : throw new ArgumentException(error, nameof(options));

    public static bool TryResolve(HfDeskServerOptions options, [NotNullWhen(true)] out HfDeskServerBinding? binding, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        binding = null;
        if (options.Port is < 0 or > 65535)
        {
            error = $"Port {options.Port} is out of range (0-65535).";
            return false;
        }

        var host = options.Host.Trim();
        IPAddress? address;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(host.Trim('[', ']'), out address))
        {
            error = $"Host '{host}' must be an IP address (e.g. 127.0.0.1, 0.0.0.0) or localhost.";
            return false;
        }

        var hasUser = !string.IsNullOrEmpty(options.AuthUser);
        var hasPass = !string.IsNullOrEmpty(options.AuthPass);
        if (hasUser != hasPass)
        {
            error = "--auth-user and --auth-pass must be given together.";
            return false;
        }

        if (!IPAddress.IsLoopback(address) && !hasUser && !options.InsecureNoAuth)
        {
            error = $"Refusing to listen on {host} without authentication: anyone on the network could drive downloads. "
                + "Add --auth-user and --auth-pass, or --insecure-no-auth if you really mean it.";
            return false;
        }

        binding = new HfDeskServerBinding(address, options.Port);
        error = null;
        return true;
    }
}
