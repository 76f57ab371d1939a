using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace HFDesk.Server.Access;

/// <summary>HTTP Basic for a server reachable beyond loopback. Compared in constant time over fixed-size digests.</summary>
internal sealed class BasicAuthMiddleware(RequestDelegate next, BasicCredentials credentials)
{
    private readonly byte[] _expected = Digest($"{credentials.User}:{credentials.Password}");

    public Task InvokeAsync(HttpContext context)
    {
        if (IsAuthorized(context.Request.Headers.Authorization.ToString()))
        {
            return next(context);
        }

        context.Response.Headers[HeaderNames.WWWAuthenticate] = "Basic realm=\"HFDesk\", charset=\"UTF-8\"";
        return ApiErrorWriter.WriteAsync(context, StatusCodes.Status401Unauthorized, "Authentication required", "Send HTTP Basic credentials (--auth-user/--auth-pass).");
    }

    private bool IsAuthorized(string header)
    {
        const string prefix = "Basic ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[prefix.Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        // Hashing first makes the comparison independent of where (or whether) the lengths differ.
        return CryptographicOperations.FixedTimeEquals(Digest(decoded), _expected);
    }

    private static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
