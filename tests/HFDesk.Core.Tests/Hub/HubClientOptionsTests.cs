using HFDesk.Core.Hub;

namespace HFDesk.Core.Tests.Hub;

public sealed class HubClientOptionsTests
{
    [Fact]
    public void ToString_NeverShowsTokenOrProxyPassword()
    {
        var options = new HubClientOptions
        {
            Token = "hf_supersecret_token",
            Proxy = new HubProxyOptions(Url: "http://proxy:3128", Username: "ana", Password: "proxy-pass"),
        };

        var text = options.ToString();

        Assert.DoesNotContain("hf_supersecret_token", text, StringComparison.Ordinal);
        Assert.DoesNotContain("proxy-pass", text, StringComparison.Ordinal);
        Assert.Contains("Token = set", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "https://huggingface.co")]
    [InlineData("  ", "https://huggingface.co")]
    [InlineData("https://hf-mirror.com/", "https://hf-mirror.com")]
    [InlineData("http://127.0.0.1:8090//", "http://127.0.0.1:8090")]
    public void NormalizeEndpoint_DefaultsAndStripsTrailingSlashes(string? endpoint, string expected) =>
        Assert.Equal(expected, HubClientOptions.NormalizeEndpoint(endpoint));
}
