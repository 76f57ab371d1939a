namespace HFDesk.Core.Downloads;

/// <param name="Sha256">SHA-256 of the content (lower-case hex) when it was computed (LFS files, or verify sha256).</param>
/// <param name="BytesFetched">Bytes written from the network in this run (excluding bytes discarded after a split).</param>
/// <param name="BytesResumed">Bytes found valid on disk from an earlier run and not fetched again.</param>
/// <param name="BytesRehashed">Bytes the hasher had to read back from disk because they arrived out of order.</param>
internal sealed record TransferResult(string? Sha256, long BytesFetched, long BytesResumed, long BytesRehashed);
