using HFDesk.Core.Storage;

namespace HFDesk.Core.Jobs.Execution;

/// <param name="BytesFetched">From the network in this run.</param>
/// <param name="BytesResumed">Found valid on disk from an earlier (paused, killed) run and not fetched again.</param>
internal sealed record RepoDownloadResult(
    DownloadManifest Manifest,
    string OutputDir,
    int FilesDownloaded,
    int FilesSkipped,
    long BytesFetched,
    long BytesResumed);
