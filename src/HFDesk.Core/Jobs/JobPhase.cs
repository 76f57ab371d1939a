namespace HFDesk.Core.Jobs;

internal enum JobPhase
{
    Planning,
    Downloading,
    Verifying,
    Finalizing,
}
