using System.Net;
using HFDesk.Core.Downloads;

namespace HFDesk.Core.Tests.Downloads;

public sealed class TransferFailureClassifierTests
{
    public static TheoryData<Exception, bool> Cases => new()
    {
        { new TransferHttpException(HttpStatusCode.TooManyRequests, null, null, TimeSpan.FromSeconds(3), false), true },
        { new TransferHttpException(HttpStatusCode.BadGateway, null, null, null, false), true },
        { new TransferHttpException(HttpStatusCode.Unauthorized, "GatedRepo", null, null, false), false },
        { new TransferHttpException(HttpStatusCode.Forbidden, null, null, null, true), false },
        { new TransferHttpException(HttpStatusCode.NotFound, "EntryNotFound", null, null, false), false },
        { new IOException("connection reset"), true },
        { new HttpRequestException("refused"), true },
        { new TransferStalledException(TimeSpan.FromSeconds(1)), true },
        { new IntegrityException("bad"), false },
        { new DiskWriteException("disk full", new IOException()), false },
        { new InsufficientDiskSpaceException("no room"), false },
        { new InvalidOperationException("bug"), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_Failure_RetryOrFatal(Exception failure, bool retried)
    {
        var expected = retried ? TransferFailureKind.Retry : TransferFailureKind.Fatal;
        Assert.Equal(expected, TransferFailureClassifier.Classify(failure, CancellationToken.None).Kind);
    }

    [Fact]
    public void Classify_CallerCancelled_CancelledWhateverWasThrown()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.Equal(TransferFailureKind.Cancelled, TransferFailureClassifier.Classify(new IOException("aborted"), cts.Token).Kind);
    }

    [Fact]
    public void Classify_RateLimited_CarriesTheServerDelay()
    {
        var failure = TransferFailureClassifier.Classify(
            new TransferHttpException(HttpStatusCode.TooManyRequests, null, null, TimeSpan.FromSeconds(9), false), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(9), failure.ServerDelay);
        Assert.Contains("rate limit", failure.Activity, StringComparison.Ordinal);
    }

    [Fact]
    public void Delay_ServerAskedLongerThanBackoff_WaitsForTheServer()
    {
        var options = new TransferOptions { InitialBackoff = TimeSpan.FromMilliseconds(100) };

        Assert.Equal(TimeSpan.FromSeconds(20), RetryBackoff.Delay(1, TimeSpan.FromSeconds(20), options));
        var backoff = RetryBackoff.Delay(3, null, options);
        Assert.InRange(backoff, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400));
    }
}
