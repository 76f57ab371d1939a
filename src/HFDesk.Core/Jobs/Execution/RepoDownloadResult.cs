using HFDesk.Core.Storage;

namespace HFDesk.Core.Jobs.Execution;

/// <param name="Manifest">What was recorded in the output folder (merged with an earlier download of the same commit).</param>
/// <param name="OutputDir">Friendly view folder (cache mode) or repo folder (local mode).</param>
/// <param name="FilesDownloaded">Files fetched in this run.</param>
/// <param name="FilesSkipped">Files already complete at the destination.</param>
/// <param name="BytesFetched">From the network in this run.</param>
/// <param name="BytesResumed">Found valid on disk from an earlier (paused, killed) run and not fetched again.</param>
internal sealed record RepoDownloadResult(
    DownloadManifest Manifest,
    string OutputDir,
    int FilesDownloaded,
    int FilesSkipped,
    long BytesFetched,
    long BytesResumed);
