namespace HFDesk.Core.Downloads;

/// <summary>
/// Fetches one file into its temp path: one stream below the multipart threshold, N Range parts written in place
/// above it, resumed from the journal, retried, verified. Stateless; safe to share. The temp file is left for the
/// storage layout to move into place; on an integrity failure it and the journal are deleted. Progress is reported
/// from the connections' threads, so the <see cref="IProgress{T}"/> given must be thread-safe.
/// </summary>
internal sealed class RangeDownloader(HttpClient httpClient, BandwidthLimiter bandwidthLimiter, TimeProvider timeProvider)
{
    public async Task<TransferResult> DownloadAsync(
        TransferRequest request,
        TransferOptions options,
        IProgress<TransferProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(request.ExpectedSize);
        cancellationToken.ThrowIfCancellationRequested();

        var directory = Path.GetDirectoryName(Path.GetFullPath(request.TempPath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var resumed = LoadResumableRanges(request);
        var plainStream = false;
        while (true)
        {
            var session = new TransferSession(httpClient, bandwidthLimiter, timeProvider, request, options, progress, plainStream);
            try
            {
                return await session.RunAsync(resumed, cancellationToken);
            }
            catch (RangeNotHonouredException) when (!plainStream)
            {
                // A server (or proxy) that answers Range with the whole body cannot fill holes: start over as one stream.
                Discard(request);
                resumed = new ByteRangeSet();
                plainStream = true;
            }
        }
    }

    /// <summary>Deletes a partial file and its journal (integrity failure, foreign journal).</summary>
    public static void Discard(TransferRequest request) => Discard(request.TempPath, request.JournalPath);

    /// <summary>
    /// Deletes everything a transfer leaves while incomplete: the temp file, the journal and the journal's temp sibling
    /// (a save cut short by a kill). The one place that knows that list; a cancelled job's clean-up goes through here.
    /// </summary>
    public static void Discard(string tempPath, string journalPath)
    {
        DeleteIfPresent(tempPath);
        DeleteIfPresent(journalPath);
        DeleteIfPresent(TransferJournal.SavingPath(journalPath));
    }

    private static ByteRangeSet LoadResumableRanges(TransferRequest request)
    {
        var journal = TransferJournal.TryLoad(request.JournalPath);
        var temp = new FileInfo(request.TempPath);
        if (journal is not null && journal.Matches(request) && temp.Exists && temp.Length == request.ExpectedSize)
        {
            return new ByteRangeSet(journal.Completed);
        }

        // Other etag/size/commit, a torn journal, or a partial with no journal at all (killed before its first
        // checkpoint): its bytes cannot be trusted for this content.
        if (journal is not null || temp.Exists)
        {
            Discard(request);
        }

        return new ByteRangeSet();
    }

    private static void DeleteIfPresent(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
