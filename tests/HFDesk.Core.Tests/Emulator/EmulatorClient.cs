using System.Net.Http.Headers;
using HFDesk.HubEmulator;

namespace HFDesk.Core.Tests.Emulator;

/// <summary>A raw HttpClient for asserting the emulator's wire behaviour (no redirects followed).</summary>
internal static class EmulatorClient
{
    public static HttpClient Create(HubEmulatorHost host, string? token = null, bool followRedirects = false)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = followRedirects, AutomaticDecompression = System.Net.DecompressionMethods.None })
        {
            BaseAddress = host.Endpoint,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues)
        : null;
}
