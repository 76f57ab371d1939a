namespace HFDesk.Core.Jobs.Execution;

/// <summary>Some files of a repo download failed after their retries; the others were kept and can be resumed.</summary>
internal sealed class RepoDownloadException : Exception
{
    public RepoDownloadException()
    {
    }

    public RepoDownloadException(string message)
        : base(message)
    {
    }

    public RepoDownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public IReadOnlyList<string> FailedPaths { get; init; } = [];
}
