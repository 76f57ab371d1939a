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

    /// <summary>
    /// The Hub answered, but with something HFDesk refuses to use (a file listing whose pages loop, never end, or
    /// name files without a path): asking again gets the same answer, so no request should wait for it.
    /// </summary>
    public bool Refused { get; init; }

    /// <summary>True for failures worth retrying (rate limits, 5xx, timeouts); never for an answer HFDesk refused.</summary>
    public bool IsTransient => !Refused && Kind is HubErrorKind.RateLimited or HubErrorKind.Upstream or HubErrorKind.Timeout;
}
