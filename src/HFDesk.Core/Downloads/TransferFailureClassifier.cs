using System.Net;
using System.Net.Sockets;

namespace HFDesk.Core.Downloads;

/// <summary>The one place that decides whether a failed byte request is retried, fatal, or a cancellation.</summary>
internal static class TransferFailureClassifier
{
    public static TransferFailure Classify(Exception exception, CancellationToken cancellationToken)
    {
        // The caller's token wins over whatever the cancelled I/O threw on its way out.
        if (cancellationToken.IsCancellationRequested)
        {
            return new(TransferFailureKind.Cancelled, null, null);
        }

        return exception switch
        {
            TransferStalledException => new(TransferFailureKind.Retry, null, "stalled — reconnecting"),
            TransferHttpException { StatusCode: HttpStatusCode.TooManyRequests } http =>
                new(TransferFailureKind.Retry, http.RetryAfter, "waiting for rate limit"),
            TransferHttpException { StatusCode: HttpStatusCode.RequestTimeout } http => new(TransferFailureKind.Retry, http.RetryAfter, null),
            TransferHttpException { StatusCode: >= HttpStatusCode.InternalServerError } http =>
                new(TransferFailureKind.Retry, http.RetryAfter, $"server error {(int)http.StatusCode}"),
            TransferHttpException => new(TransferFailureKind.Fatal, null, null),
            IntegrityException or RangeNotHonouredException or TransferProtocolException or DiskWriteException or InsufficientDiskSpaceException =>
                new(TransferFailureKind.Fatal, null, null),

            // Connection reset, refused, closed early, TLS hiccup, HttpClient's own timeout: the network, so retry.
            HttpRequestException or SocketException or IOException or TimeoutException => new(TransferFailureKind.Retry, null, "connection lost — retrying"),
            OperationCanceledException => new(TransferFailureKind.Retry, null, "timed out — retrying"),
            _ => new(TransferFailureKind.Fatal, null, null),
        };
    }
}
