using HFDesk.Core.Settings;

namespace HFDesk.Core.Downloads;

internal sealed record TransferOptions
{
    public const int MaxConnections = 64;
    public const int MaxRetries = 20;

    public static TransferOptions Default { get; } = new();

    /// <summary>The engine's knobs as the settings name them; the rest keep their defaults.</summary>
    public static TransferOptions From(HfDeskSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Default with
        {
            Connections = settings.Connections,
            MultipartThreshold = settings.MultipartThresholdBytes,
            Retries = settings.Retries,
            StallTimeout = settings.StallTimeoutSpan,
            Verify = settings.Verify,
        };
    }

    /// <summary>Range connections per file at or above <see cref="MultipartThreshold"/> (1–64).</summary>
    public int Connections { get; init; } = 8;

    public long MultipartThreshold { get; init; } = 32L * 1024 * 1024;

    /// <summary>Non-progress retries per request (0–20); refunded once failed attempts moved <see cref="RetryRefundBytes"/>.</summary>
    public int Retries { get; init; } = 4;

    /// <summary>
    /// How many bytes failed attempts must bring before the retries are refunded. A flaky but working link (cut every
    /// few MB) keeps going; a slow drip (a server that sends a few bytes per request and then stalls) runs out of
    /// retries after <see cref="Retries"/> + 1 stall timeouts instead of "progressing" for hours.
    /// </summary>
    public long RetryRefundBytes { get; init; } = 1024 * 1024;

    /// <summary>A read that delivers nothing for this long is aborted and retried; zero disables the watchdog.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public VerifyMode Verify { get; init; } = VerifyMode.Etag;

    /// <summary>Smallest piece a part is split into, at start or when an idle connection steals work (aria2's -k).</summary>
    public long MinPartSize { get; init; } = 1024 * 1024;

    /// <summary>The journal is rewritten at least this often while bytes flow (what a kill -9 loses on a slow link).</summary>
    public TimeSpan JournalInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The journal is also rewritten after this many bytes are written (all connections together), so on a fast link a
    /// kill -9 re-fetches about this much, not <see cref="JournalInterval"/> of throughput (2 GB at 1 GB/s). 4 MiB is
    /// ~250 saves per second at 1 GB/s, each a small file and a rename off the connections' path (no fsync).
    /// </summary>
    public long JournalBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>First retry delay; doubles per non-progress failure (with jitter), capped by <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// fsync the finished temp file before reporting it done, so a power loss right after the storage layout renames
    /// it cannot leave a zero-filled blob under a content-addressed name. Off by default, as in huggingface_hub, curl
    /// and aria2: it makes the transfer wait for the disk (the benchmark measured +1–2 s wall and +1–2 CPU s per GiB on
    /// a VM disk), and kill -9, Ctrl-C and clean reboots keep the page cache anyway. Journal checkpoints always flush
    /// the data they vouch for, so a resume is sound even after a power loss.
    /// </summary>
    public bool FlushOnComplete { get; init; }

    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Bytes each connection reads before one file write, hash call and bookkeeping pass. Bigger means fewer syscalls
    /// and lock turns per MiB; each connection holds one such buffer, so 64 connections at 1 MiB are 64 MB.
    /// </summary>
    public int BufferSize { get; init; } = 256 * 1024;

    public void Validate()
    {
        if (Connections is < 1 or > MaxConnections)
        {
            throw new ArgumentOutOfRangeException(nameof(Connections), Connections, $"connections must be 1–{MaxConnections}");
        }

        if (Retries is < 0 or > MaxRetries)
        {
            throw new ArgumentOutOfRangeException(nameof(Retries), Retries, $"retries must be 0–{MaxRetries}");
        }

        if (BufferSize is < 4096 or > 16 * 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(BufferSize), BufferSize, "the buffer must be 4 KiB–16 MiB");
        }

        if (MultipartThreshold < 0 || MinPartSize < 1 || StallTimeout < TimeSpan.Zero || JournalBytes < 1 || RetryRefundBytes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MultipartThreshold), "thresholds and timeouts must not be negative");
        }
    }
}
