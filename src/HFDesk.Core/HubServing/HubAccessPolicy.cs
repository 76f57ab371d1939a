using System.Security.Cryptography;
using System.Text;
using HFDesk.Core.Hub;
using HFDesk.Core.Settings;

namespace HFDesk.Core.HubServing;

/// <summary>
/// The LAN access rules of api.md § Hub endpoint: LAN tokens (never the upstream token), anonymous clients only
/// on a loopback-only server that allows them, private and gated repos only to authenticated clients.
/// </summary>
internal static class HubAccessPolicy
{
    public static HubCaller Identify(string? authorization, HubEndpointSettings settings, bool loopbackOnly)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return settings.Anonymous && loopbackOnly ? HubCaller.Anonymous : HubCaller.Rejected;
        }

        const string bearer = "Bearer ";
        if (!authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            return HubCaller.Rejected;
        }

        // Hashed first so the comparison takes the same time whichever token (or length) is close.
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[bearer.Length..].Trim()));
        var match = false;
        foreach (var token in settings.Tokens)
        {
            match |= CryptographicOperations.FixedTimeEquals(presented, SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        }

        return match ? HubCaller.Authenticated : HubCaller.Rejected;
    }

    /// <summary>
    /// Whether a private or gated repo's files may go to <paramref name="caller"/>. <paramref name="upstreamAccess"/>
    /// is whether HFDesk's own token was just granted the repo upstream (null when that could not be asked: offline
    /// mode or an unreachable Hub, where only <see cref="HubEndpointSettings.AllowPrivate"/> opens it).
    /// </summary>
    public static bool MayServeRestricted(HubCaller caller, HubEndpointSettings settings, RepoId repo, bool? upstreamAccess)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (caller != HubCaller.Authenticated)
        {
            return false;
        }

        return upstreamAccess ?? settings.AllowPrivate.Contains(repo.ToString(), StringComparer.OrdinalIgnoreCase);
    }
}
