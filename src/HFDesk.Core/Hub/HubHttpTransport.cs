using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace HFDesk.Core.Hub;

/// <summary>
/// The two HttpClients every Hub call goes through, built in one place. Both have auto-redirect off: our
/// own code follows redirects so the token is dropped when a redirect leaves the Hub's host:port.
/// </summary>
internal sealed class HubHttpTransport : IDisposable
{
    public HubHttpTransport(HubTransportKey key, TimeProvider timeProvider)
    {
        Key = key;
        Metadata = new HttpClient(new ResilienceHandler(BuildMetadataPipeline(key, timeProvider)) { InnerHandler = CreateHandler(key) })
        {
            // The resilience pipeline owns timeouts (per attempt), so one slow try can be retried.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Bytes = new HttpClient(CreateHandler(key))
        {
            // A multi-GiB transfer has no overall deadline; the download engine runs a per-read stall timeout.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        foreach (var client in new[] { Metadata, Bytes })
        {
            client.DefaultRequestHeaders.UserAgent.Clear();
            client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", key.UserAgent);
        }
    }

    public HubTransportKey Key { get; }

    /// <summary>JSON API calls and HEADs: retries 408/429/5xx honouring Retry-After and RateLimit, per-attempt timeout.</summary>
    public HttpClient Metadata { get; }

    /// <summary>File bytes: no overall timeout and no retries (the engine retries from its journal).</summary>
    public HttpClient Bytes { get; }

    public void Dispose()
    {
        Metadata.Dispose();
        Bytes.Dispose();
    }

    private static ResiliencePipeline<HttpResponseMessage> BuildMetadataPipeline(HubTransportKey key, TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        if (key.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = key.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(8),
                // Our own generator reads both Retry-After and the Hub's RateLimit t= and caps the wait.
                ShouldRetryAfterHeader = false,
                DelayGenerator = args => ValueTask.FromResult(
                    HubRetryDelay.FromResponse(args.Outcome.Result, timeProvider, key.MaxRetryDelay)),
            });
        }

        builder.AddTimeout(key.RequestTimeout);
        return builder.Build();
    }

    private static SocketsHttpHandler CreateHandler(HubTransportKey key)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            // No transparent decompression: the handler would add "gzip" next to our "identity" and a compressed
            // answer's Content-Length is not the file size huggingface_hub-style HEADs read.
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            // Re-resolve DNS now and then: CDN hosts rotate addresses.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };

        var proxy = key.Proxy;
        if (!string.IsNullOrWhiteSpace(proxy.Url))
        {
            var credentials = string.IsNullOrEmpty(proxy.Username) ? null : new NetworkCredential(proxy.Username, proxy.Password);
            handler.Proxy = new HubWebProxy(new Uri(proxy.Url), proxy.NoProxy, credentials);
            handler.UseProxy = true;
        }
        else if (proxy.NoEnvProxy)
        {
            handler.UseProxy = false;
        }

        if (proxy.InsecureSkipVerify)
        {
#pragma warning disable CA5359 // The user opted in explicitly (setting proxy.insecureSkipVerify) for TLS-intercepting corporate proxies.
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        return handler;
    }

    internal static void SetBearer(HttpRequestMessage request, string? token)
    {
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }
}
