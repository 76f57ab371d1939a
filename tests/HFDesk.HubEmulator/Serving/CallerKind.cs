using Microsoft.AspNetCore.Http;

namespace HFDesk.HubEmulator.Serving;

internal enum CallerKind
{
    Anonymous,
    Owner,
    NotGranted,
    OtherUser,
    Invalid,
}

internal static class CallerIdentity
{
    public static CallerKind Identify(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return CallerKind.Anonymous;
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return CallerKind.Invalid;
        }

        return header[7..].Trim() switch
        {
            HubEmulatorTokens.Valid => CallerKind.Owner,
            HubEmulatorTokens.NotGranted => CallerKind.NotGranted,
            HubEmulatorTokens.OtherUser => CallerKind.OtherUser,
            _ => CallerKind.Invalid,
        };
    }
}
