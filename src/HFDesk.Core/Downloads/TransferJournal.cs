using System.Text.Json;

namespace HFDesk.Core.Downloads;

/// <summary>
/// The only durable truth about a partial file: which byte ranges are on disk and which content they belong to.
/// Pause, Ctrl-C, kill -9 and reboot all resume from it; a journal for other content discards the partial.
/// </summary>
internal sealed record TransferJournal
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public long Size { get; init; }

    public string? Etag { get; init; }

    public string? Sha256 { get; init; }

    public string? Commit { get; init; }

    public IReadOnlyList<ByteRange> Completed { get; init; } = [];

    public DateTimeOffset UpdatedAt { get; init; }

    public static TransferJournal For(TransferRequest request, IReadOnlyList<ByteRange> completed, DateTimeOffset now) => new()
    {
        Size = request.ExpectedSize,
        Etag = request.ExpectedEtag,
        Sha256 = request.ExpectedSha256,
        Commit = request.Commit,
        Completed = completed,
        UpdatedAt = now,
    };

    /// <summary>Same content and same destination identity; anything else means the partial bytes are someone else's.</summary>
    public bool Matches(TransferRequest request) =>
        FormatVersion == CurrentFormatVersion
        && Size == request.ExpectedSize
        && string.Equals(Etag, request.ExpectedEtag, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Sha256, request.ExpectedSha256, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Commit, request.Commit, StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when there is no journal or it cannot be read (torn, foreign, garbage): the caller starts over.</summary>
    public static TransferJournal? TryLoad(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var bytes = File.ReadAllBytes(path);
            var journal = JsonSerializer.Deserialize(bytes, TransferJournalJsonContext.Default.TransferJournal);
            if (journal is null || journal.Completed.Any(r => r.Start < 0 || r.End < r.Start || r.End > journal.Size))
            {
                return null;
            }

            return journal;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes a sibling temp file, then renames it over the old journal, so a killed process leaves the old or the new
    /// one. <paramref name="durable"/> also fsyncs it (pause); without, a power loss may leave a torn journal, which
    /// <see cref="TryLoad"/> rejects and the partial is discarded: slower, never wrong.
    /// </summary>
    public void Save(string path, bool durable = true)
    {
        var temp = SavingPath(path);
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
        {
            JsonSerializer.Serialize(stream, this, TransferJournalJsonContext.Default.TransferJournal);
            stream.Flush(flushToDisk: durable);
        }

        File.Move(temp, path, overwrite: true);
    }

    public static void Delete(string path)
    {
        File.Delete(path);
        File.Delete(SavingPath(path));
    }

    /// <summary>The sibling a save writes before renaming it over the journal; a kill mid-save leaves it behind.</summary>
    public static string SavingPath(string journalPath) => journalPath + ".tmp";
}
