namespace HFDesk.Core.Jobs.Execution;

internal enum DownloadPhase
{
    Planning,
    Downloading,
    Verifying,
    Finalizing,
}
