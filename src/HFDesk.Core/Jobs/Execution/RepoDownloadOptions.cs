using HFDesk.Core.Downloads;
using HFDesk.Core.Settings;

namespace HFDesk.Core.Jobs.Execution;

internal sealed record RepoDownloadOptions
{
    public const int MaxMaxActive = 32;

    public static RepoDownloadOptions Default { get; } = new();

    public static RepoDownloadOptions From(HfDeskSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new RepoDownloadOptions { MaxActive = settings.MaxActive, Transfer = TransferOptions.From(settings) };
    }

    /// <summary>Files transferred at once (settings: maxActive, 1–32).</summary>
    public int MaxActive { get; init; } = 4;

    public TransferOptions Transfer { get; init; } = TransferOptions.Default;
}
