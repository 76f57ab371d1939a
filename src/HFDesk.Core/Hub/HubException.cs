namespace HFDesk.Core.Hub;

/// <summary>A failure the Hub reported, classified so callers can react (fail fast, retry, tell the user).</summary>
internal sealed class HubException : Exception
{
    public HubException(HubErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public HubErrorKind Kind { get; }

    /// <summary>HTTP status the Hub answered, when there was an answer.</summary>
    public int? StatusCode { get; init; }

    /// <summary>How long the Hub asked us to wait (Retry-After or RateLimit t=), capped by the client.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Whether an Authorization header was sent with the failing request.</summary>
    public bool TokenWasSent { get; init; }

    /// <summary>The repository page to send the user to (accepting terms, checking access).</summary>
    public string? RepoUrl { get; init; }

    /// <summary>True for failures worth retrying (rate limits, 5xx, timeouts).</summary>
    public bool IsTransient => Kind is HubErrorKind.RateLimited or HubErrorKind.Upstream or HubErrorKind.Timeout;
}
