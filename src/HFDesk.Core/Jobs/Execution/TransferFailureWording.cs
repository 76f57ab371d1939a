using HFDesk.Core.Downloads;
using HFDesk.Core.Hub;

namespace HFDesk.Core.Jobs.Execution;

/// <summary>
/// Where a transfer's failure becomes a user's message: the Hub's reasons (gated, no access, not found, rate
/// limited) with the repo page to act on, and how long the engine kept trying. Callers of the engine (the repo
/// runner, pull-through fills) pass its failures through here; the engine itself knows no Hub wording.
/// </summary>
internal static class TransferFailureWording
{
    /// <summary>The <see cref="HubException"/> a user should see for <paramref name="error"/>, or the error itself.</summary>
    public static Exception Explain(Exception error, TransferRequest request)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(request);
        if (error is not TransferGaveUpException gaveUp)
        {
            return error;
        }

        var retries = gaveUp.Retries;
        var source = request.Source.GetLeftPart(UriPartial.Path);
        return gaveUp.Failure switch
        {
            TransferHttpException http => Explain(HubErrorClassifier.Classify(http.Answer, request.Context, request.RepoUrl ?? source), retries),
            TransferStalledException stalled when gaveUp.TrickledBytes > 0 => new HubException(
                HubErrorKind.Timeout,
                $"The server keeps stalling: {retries + 1} requests in a row brought only {gaveUp.TrickledBytes:N0} bytes before going silent for {gaveUp.StallTimeout.TotalSeconds:0.#} s; gave up: {source}",
                stalled),
            TransferStalledException stalled => new HubException(
                HubErrorKind.Timeout, $"{stalled.Message}, {retries} reconnects did not help: {source}", stalled),
            TransferProtocolException protocol => new HubException(HubErrorKind.Upstream, protocol.Message, protocol),
            HttpRequestException or IOException or OperationCanceledException => new HubException(
                HubErrorKind.Upstream, $"The connection kept failing ({gaveUp.Failure.Message}) after {retries} retries: {source}", gaveUp.Failure),
            _ => gaveUp.Failure,
        };
    }

    // 401/403/404 are final at once; a 429 or 5xx only reaches here once the retries are spent, which the user should know.
    private static HubException Explain(HubException classified, int retries) => classified.IsTransient
        ? new HubException(classified.Kind, $"{classified.Message} Gave up after {retries} retries.", classified)
        {
            StatusCode = classified.StatusCode,
            TokenWasSent = classified.TokenWasSent,
            RetryAfter = classified.RetryAfter,
            RepoUrl = classified.RepoUrl,
        }
        : classified;
}
