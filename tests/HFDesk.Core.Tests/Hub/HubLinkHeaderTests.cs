using HFDesk.Core.Hub;

namespace HFDesk.Core.Tests.Hub;

public sealed class HubLinkHeaderTests
{
    [Fact]
    public void NextLink_AbsoluteNext_IsReturned()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Link", "<https://huggingface.co/api/models/a/b/tree/main?recursive=true&cursor=abc>; rel=\"next\"");

        Assert.Equal("https://huggingface.co/api/models/a/b/tree/main?recursive=true&cursor=abc", HubLinkHeader.NextLink(response)?.AbsoluteUri);
    }

    [Fact]
    public void NextLink_AmongOtherRels_PicksNext()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Link", "<https://h.example/x-auth>; rel=\"xet-auth\", <https://h.example/page2>; rel=\"next\"");

        Assert.Equal("https://h.example/page2", HubLinkHeader.NextLink(response)?.AbsoluteUri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("<https://h.example/x>; rel=\"prev\"")]
    [InlineData("</relative?cursor=1>; rel=\"next\"")]
    [InlineData("<file:///etc/passwd>; rel=\"next\"")]
    public void NextLink_NoUsableNext_IsNull(string? header)
    {
        using var response = new HttpResponseMessage();
        if (header is not null)
        {
            response.Headers.TryAddWithoutValidation("Link", header);
        }

        Assert.Null(HubLinkHeader.NextLink(response));
    }
}
