using HFDesk.Core.Hub;

namespace HFDesk.Server.Errors;

/// <summary>api.md: missing → 404; gated or private without access → 401; Hub timeout → 504; other Hub failure → 502.</summary>
internal static class HubErrorStatus
{
    public static int For(HubException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Kind switch
        {
            // RepoNotFound is "missing" (api.md: 404) even when the Hub answers it with 401 to an anonymous caller, as
            // it does for a private repo too: the message says to set a token if the repo is private (issue 12).
            HubErrorKind.NotFound or HubErrorKind.RevisionNotFound or HubErrorKind.EntryNotFound => StatusCodes.Status404NotFound,
            HubErrorKind.Gated or HubErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
            HubErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            HubErrorKind.RateLimited => StatusCodes.Status429TooManyRequests,
            HubErrorKind.Timeout => StatusCodes.Status504GatewayTimeout,
            _ => StatusCodes.Status502BadGateway,
        };
    }
}
