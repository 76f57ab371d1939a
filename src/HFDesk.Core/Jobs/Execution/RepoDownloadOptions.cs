using HFDesk.Core.Downloads;

namespace HFDesk.Core.Jobs.Execution;

internal sealed record RepoDownloadOptions
{
    public const int MaxMaxActive = 32;

    public static RepoDownloadOptions Default { get; } = new();

    /// <summary>Files transferred at once (settings: maxActive, 1–32).</summary>
    public int MaxActive { get; init; } = 4;

    public TransferOptions Transfer { get; init; } = TransferOptions.Default;
}
