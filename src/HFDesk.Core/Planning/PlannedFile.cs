using HFDesk.Core.Hub;

namespace HFDesk.Core.Planning;

/// <summary>One selected file; <see cref="Present"/> when its bytes are already complete at the destination.</summary>
internal sealed record PlannedFile(RepoFile File, bool Present)
{
    public string Path => File.Path;

    public long Size => File.Size;

    public bool Lfs => File.IsLfs;

    public string? Sha256 => File.LfsSha256;
}
