namespace HFDesk.Core.Downloads;

/// <param name="TotalBytes">File size.</param>
/// <param name="CompletedBytes">Bytes on disk, resumed ones included.</param>
/// <param name="FetchedBytes">Bytes from the network in this run (the speed counts only these).</param>
/// <param name="Connections">Connections currently transferring.</param>
/// <param name="Activity">What is happening when bytes are not flowing ("retrying in 4 s", "stalled — reconnecting"), else null.</param>
/// <param name="ContiguousBytes">
/// Bytes from offset 0 with no hole, written to the temp file (not yet verified): what a reader may stream while
/// several connections fill the rest out of order (the Hub endpoint's pull-through).
/// </param>
internal readonly record struct TransferProgress(
    long TotalBytes,
    long CompletedBytes,
    long FetchedBytes,
    int Connections,
    string? Activity,
    long ContiguousBytes = 0);
