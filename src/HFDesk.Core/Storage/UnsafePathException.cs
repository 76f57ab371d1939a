namespace HFDesk.Core.Storage;

/// <summary>A repo path that would escape or alias outside its destination root; nothing was written.</summary>
internal sealed class UnsafePathException : Exception
{
    public UnsafePathException()
    {
        RepoPath = "";
    }

    public UnsafePathException(string message)
        : base(message)
    {
        RepoPath = "";
    }

    public UnsafePathException(string message, Exception innerException)
        : base(message, innerException)
    {
        RepoPath = "";
    }

    public UnsafePathException(string repoPath, string reason)
        : base($"Refusing unsafe file path '{repoPath}' from the Hub: {reason}")
    {
        RepoPath = repoPath;
    }

    public string RepoPath { get; }
}
