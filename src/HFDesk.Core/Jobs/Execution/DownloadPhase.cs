namespace HFDesk.Core.Jobs.Execution;

public enum DownloadPhase
{
    Planning,
    Downloading,
    Verifying,
    Finalizing,
}
