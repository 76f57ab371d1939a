using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace HFDesk.HubEmulator.Serving;

/// <summary><c>GET /api/whoami-v2</c>.</summary>
internal static class WhoAmIEndpoint
{
    public static async Task HandleAsync(HttpContext context, RequestLog.Entry entry, CallerKind caller)
    {
        var name = caller switch
        {
            CallerKind.Owner => HubEmulatorTokens.ValidUserName,
            CallerKind.NotGranted => HubEmulatorTokens.NotGrantedUserName,
            CallerKind.OtherUser => HubEmulatorTokens.OtherUserName,
            _ => null,
        };
        if (name is null)
        {
            await HubResponses.ErrorAsync(context, entry, StatusCodes.Status401Unauthorized, null, "Invalid username or password.");
            return;
        }

        await HubResponses.JsonAsync(context, entry, new JsonObject
        {
            ["type"] = "user",
            ["id"] = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(name))[..24].PadRight(24, '0'),
            ["name"] = name,
            ["fullname"] = name,
            ["isPro"] = false,
            ["orgs"] = new JsonArray(),
            ["auth"] = new JsonObject { ["type"] = "access_token", ["accessToken"] = new JsonObject { ["displayName"] = "emulator", ["role"] = "read" } },
        });
    }
}
