namespace HFDesk.Core.Downloads;

/// <summary>
/// The server broke the byte protocol in a way a retry will not mend (a redirect loop, a plain stream answered with
/// other bytes than asked): the transfer fails now. The caller words it for the user as an upstream failure.
/// </summary>
internal sealed class TransferProtocolException(string message) : Exception(message);
