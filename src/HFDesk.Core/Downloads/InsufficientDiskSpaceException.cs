namespace HFDesk.Core.Downloads;

/// <summary>The destination volume cannot hold the bytes still to download; nothing was started.</summary>
internal sealed class InsufficientDiskSpaceException : IOException
{
    public InsufficientDiskSpaceException()
    {
    }

    public InsufficientDiskSpaceException(string message)
        : base(message)
    {
    }

    public InsufficientDiskSpaceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public long RequiredBytes { get; init; }

    public long AvailableBytes { get; init; }
}
