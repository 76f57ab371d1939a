using System.Net;

namespace HFDesk.Server;

/// <summary>Where the server listens, checked against the access rules before anything starts.</summary>
public sealed record HfDeskServerBinding(IPAddress Address, int Port)
{
    public bool IsLoopback => IPAddress.IsLoopback(Address);

    /// <exception cref="ArgumentException">The options are unusable or unsafe (non-loopback without auth).</exception>
    public static HfDeskServerBinding Resolve(HfDeskServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException($"Port {options.Port} is out of range (0-65535).", nameof(options));
        }

        var host = options.Host.Trim();
        IPAddress address;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(host.Trim('[', ']'), out address!))
        {
            throw new ArgumentException($"Host '{host}' must be an IP address (e.g. 127.0.0.1, 0.0.0.0) or localhost.", nameof(options));
        }

        var hasUser = !string.IsNullOrEmpty(options.AuthUser);
        var hasPass = !string.IsNullOrEmpty(options.AuthPass);
        if (hasUser != hasPass)
        {
            throw new ArgumentException("--auth-user and --auth-pass must be given together.", nameof(options));
        }

        if (!IPAddress.IsLoopback(address) && !hasUser && !options.InsecureNoAuth)
        {
            throw new ArgumentException(
                $"Refusing to listen on {host} without authentication: anyone on the network could drive downloads. "
                + "Add --auth-user and --auth-pass, or --insecure-no-auth if you really mean it.",
                nameof(options));
        }

        return new HfDeskServerBinding(address, options.Port);
    }
}
