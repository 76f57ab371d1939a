namespace HFDesk.Cli;

/// <summary>api.md: 0 done, 1 failed, 2 usage error, 130 cancelled (as shells report SIGINT).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int Cancelled = 130;
}
