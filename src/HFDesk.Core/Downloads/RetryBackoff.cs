namespace HFDesk.Core.Downloads;

/// <summary>Exponential backoff with jitter, or the server's own wait when it named a longer one.</summary>
internal static class RetryBackoff
{
    public static TimeSpan Delay(int failure, TimeSpan? serverDelay, TransferOptions options)
    {
        var exponent = Math.Clamp(failure - 1, 0, 16);
        var ceiling = Math.Min(options.InitialBackoff.TotalMilliseconds * Math.Pow(2, exponent), options.MaxBackoff.TotalMilliseconds);

        // Jitter in [50%, 100%] of the ceiling so connections that failed together do not reconnect together.
#pragma warning disable CA5394 // Jitter needs spread, not unpredictability.
        var backoff = TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
#pragma warning restore CA5394
        if (serverDelay is { } server && server > backoff)
        {
            return server > RetryAfterHeaders.Cap ? RetryAfterHeaders.Cap : server;
        }

        return backoff;
    }
}
