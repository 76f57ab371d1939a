namespace HFDesk.Core.Downloads;

internal enum TransferFailureKind
{
    Retry,
    Fatal,
    Cancelled,
}

/// <param name="Kind">Retry, give up, or stop because the caller cancelled.</param>
/// <param name="ServerDelay">Wait the server asked for (429/503), used instead of the backoff when longer.</param>
/// <param name="Activity">Text shown while waiting ("stalled — reconnecting", "waiting for rate limit").</param>
internal readonly record struct TransferFailure(TransferFailureKind Kind, TimeSpan? ServerDelay, string? Activity);
