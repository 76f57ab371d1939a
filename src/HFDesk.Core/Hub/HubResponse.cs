namespace HFDesk.Core.Hub;

/// <summary>The last answer of a redirect chain, where it came from, and whether the token went there.</summary>
internal sealed record HubResponse(HttpResponseMessage Message, Uri FinalUri, bool TokenWasSent) : IDisposable
{
    public void Dispose() => Message.Dispose();
}
