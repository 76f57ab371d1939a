using System.Net.Http.Json;
using System.Text.Json;
using HFDesk.Server;

namespace HFDesk.AdversarialTests.BadInput;

public sealed class UnknownRouteTests
{
    [Theory]
    [InlineData("/api/jobs/no-such-job/nothing")]
    [InlineData("/api/no-such-route")]
    public async Task UnknownRoute_AnyShape_AnswersNotFoundEnvelope(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        using var dataDir = new TempDataDir();
        var app = HfDeskServer.Build(new HfDeskServerOptions { Port = 0, DataDir = dataDir.Path, CacheDir = System.IO.Path.Combine(dataDir.Path, "cache") });
        await app.StartAsync(ct);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), ct);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{path} answered {(int)response.StatusCode}");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            Assert.False(body.GetProperty("ok").GetBoolean());
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    private sealed class TempDataDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("hfdesk-adv-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
