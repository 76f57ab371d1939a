using HFDesk.Core.Hub;

namespace HFDesk.Server.Errors;

/// <summary>api.md: missing → 404; gated or private without access → 401; Hub timeout → 504; other Hub failure → 502.</summary>
public static class HubErrorStatus
{
    public static int For(HubException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Kind switch
        {
            // The Hub answers 401 RepoNotFound for a private repo asked without a token: that is "no access", not "missing".
            HubErrorKind.NotFound when exception.StatusCode == StatusCodes.Status401Unauthorized && !exception.TokenWasSent => StatusCodes.Status401Unauthorized,
            HubErrorKind.NotFound or HubErrorKind.RevisionNotFound or HubErrorKind.EntryNotFound => StatusCodes.Status404NotFound,
            HubErrorKind.Gated or HubErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
            HubErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            HubErrorKind.RateLimited => StatusCodes.Status429TooManyRequests,
            HubErrorKind.Timeout => StatusCodes.Status504GatewayTimeout,
            _ => StatusCodes.Status502BadGateway,
        };
    }
}
