using System.Net;
using HFDesk.Core.Hub;

namespace HFDesk.Core.Tests.Hub;

/// <summary>Answers the emulator does not produce on its own (no X-Error-Code, odd statuses).</summary>
public sealed class HubErrorClassifierTests
{
    private static readonly Uri Endpoint = new("https://hub.example");
    private static readonly HubCallContext Context = new(RepoId.Parse("acme/tiny"), RepoType.Dataset, "main", "x.bin");

    private static HubException Classify(HttpStatusCode status, bool tokenWasSent, string? errorCode = null)
    {
        using var response = new HttpResponseMessage(status);
        if (errorCode is not null)
        {
            response.Headers.TryAddWithoutValidation("X-Error-Code", errorCode);
        }

        return HubErrorClassifier.Classify(response, tokenWasSent, Context, Endpoint, hubMessage: null, retryAfter: null);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, true, null, nameof(HubErrorKind.Unauthorized))]
    [InlineData(HttpStatusCode.Unauthorized, false, null, nameof(HubErrorKind.NotFound))]
    [InlineData(HttpStatusCode.NotFound, false, null, nameof(HubErrorKind.NotFound))]
    [InlineData(HttpStatusCode.Forbidden, true, null, nameof(HubErrorKind.Forbidden))]
    [InlineData(HttpStatusCode.Forbidden, true, "GatedRepo", nameof(HubErrorKind.Gated))]
    [InlineData(HttpStatusCode.Unauthorized, false, "GatedRepo", nameof(HubErrorKind.Gated))]
    [InlineData(HttpStatusCode.NotFound, true, "EntryNotFound", nameof(HubErrorKind.EntryNotFound))]
    [InlineData(HttpStatusCode.NotFound, true, "RevisionNotFound", nameof(HubErrorKind.RevisionNotFound))]
    [InlineData(HttpStatusCode.RequestTimeout, false, null, nameof(HubErrorKind.Timeout))]
    [InlineData(HttpStatusCode.GatewayTimeout, false, null, nameof(HubErrorKind.Timeout))]
    [InlineData(HttpStatusCode.BadGateway, false, null, nameof(HubErrorKind.Upstream))]
    [InlineData(HttpStatusCode.BadRequest, false, null, nameof(HubErrorKind.Upstream))]
    [InlineData(HttpStatusCode.TooManyRequests, false, null, nameof(HubErrorKind.RateLimited))]
    public void Classify_StatusAndCode_GiveTheKind(HttpStatusCode status, bool tokenWasSent, string? code, string expectedName)
    {
        var expected = Enum.Parse<HubErrorKind>(expectedName);
        var error = Classify(status, tokenWasSent, code);

        Assert.Equal(expected, error.Kind);
        Assert.Equal((int)status, error.StatusCode);
        Assert.Equal(tokenWasSent, error.TokenWasSent);
    }

    [Fact]
    public void Classify_DatasetRepo_LinksTheDatasetPage()
    {
        var error = Classify(HttpStatusCode.Forbidden, tokenWasSent: true, "GatedRepo");

        Assert.Equal("https://hub.example/datasets/acme/tiny", error.RepoUrl);
        Assert.Contains("https://hub.example/datasets/acme/tiny", error.Message, StringComparison.Ordinal);
    }
}
