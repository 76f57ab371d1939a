namespace HFDesk.Core.Hub;

internal enum HubErrorKind
{
    /// <summary>Repository missing, or private and not visible with the credentials sent.</summary>
    NotFound,
    RevisionNotFound,
    EntryNotFound,
    /// <summary>Gated repository: see <see cref="HubException.TokenWasSent"/> for "no token" vs "not granted".</summary>
    Gated,
    /// <summary>The token was rejected.</summary>
    Unauthorized,
    /// <summary>Access refused for another reason (disabled repository, token lacks a scope).</summary>
    Forbidden,
    RateLimited,
    Upstream,
    Timeout,
}
