namespace HFDesk.Core.Downloads;

/// <summary>Downloaded bytes do not match what the Hub promised; the partial file has been deleted.</summary>
internal sealed class IntegrityException : Exception
{
    public IntegrityException()
    {
    }

    public IntegrityException(string message)
        : base(message)
    {
    }

    public IntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
