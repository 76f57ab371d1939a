namespace HFDesk.Core.Downloads;

/// <summary>
/// A transfer stopped on a server or network failure: fatal at once (401/404) or still failing once the retries
/// were spent. The engine says what happened; turning it into words for a user is the caller's (the runner's) job.
/// </summary>
internal sealed class TransferGaveUpException(Exception failure, int retries, long trickledBytes, TimeSpan stallTimeout)
    : Exception(failure.Message, failure)
{
    public Exception Failure => InnerException!;

    /// <summary>Retries made before giving up (0 for a failure that is final at once).</summary>
    public int Retries { get; } = retries;

    /// <summary>Bytes the failed attempts brought since the retries were last refunded (a slow drip when non-zero).</summary>
    public long TrickledBytes { get; } = trickledBytes;

    public TimeSpan StallTimeout { get; } = stallTimeout;
}
