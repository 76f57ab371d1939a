namespace HFDesk.Core.Downloads;

/// <summary>
/// The server answered a Range request with 200 and the whole body, or with a <c>Content-Range</c> other than asked:
/// the file restarts as one plain stream.
/// </summary>
internal sealed class RangeNotHonouredException(string message) : Exception(message)
{
    public RangeNotHonouredException()
        : this("The server ignored the Range header (200 instead of 206)")
    {
    }
}
