using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace HFDesk.Core.Hub;

/// <summary>
/// Talks to one Hub (endpoint, token, proxy fixed at creation). Create through <see cref="HubClientFactory"/> so
/// every client sees the current settings. Failures surface as <see cref="HubException"/> with a kind.
/// </summary>
internal sealed class HubClient
{
    private static readonly string[] ModelExpand =
        ["author", "downloads", "likes", "trendingScore", "lastModified", "createdAt", "private", "gated", "pipeline_tag", "library_name", "tags", "safetensors", "gguf"];

    // The Hub rejects expand keys a repo type does not have (HTTP 400): datasets have no pipeline or library.
    private static readonly string[] DatasetExpand =
        ["author", "downloads", "likes", "trendingScore", "lastModified", "createdAt", "private", "gated", "tags"];

    private readonly HubHttpTransport _transport;
    private readonly TimeProvider _timeProvider;
    private readonly HubUrls _urls;
    private readonly HubTreeCache? _trees;

    internal HubClient(HubClientOptions options, HubHttpTransport transport, TimeProvider timeProvider, HubTreeCache? trees = null)
    {
        Options = options;
        _transport = transport;
        _timeProvider = timeProvider;
        _urls = new HubUrls(options.EndpointUri);
        _trees = trees;
    }

    public Uri Endpoint => _urls.Endpoint;

    public bool HasToken => !string.IsNullOrEmpty(Options.Token);

    internal HubClientOptions Options { get; }

    /// <summary>The byte-stream client (no overall timeout, no decompression, no retries) for the download engine.</summary>
    internal HttpClient BytesClient => _transport.Bytes;

    public Uri RepoPageUrl(RepoId repo, RepoType type) => _urls.RepoPage(repo, type);

    public Uri ResolveUrl(RepoId repo, RepoType type, string revision, string path) => _urls.Resolve(repo, type, revision, path);

    /// <summary>Repo info at a revision, or at the default branch when <paramref name="revision"/> is null.</summary>
    public async Task<RepoInfo> GetRepoInfoAsync(RepoId repo, RepoType type, string? revision, CancellationToken cancellationToken)
    {
        var context = new HubCallContext(repo, type, revision);
        var info = await GetJsonAsync(_urls.RepoInfo(repo, type, revision), HubJsonContext.Default.RepoInfo, context, cancellationToken);
        return info with { Type = type };
    }

    /// <summary>
    /// Every file at a revision (recursively), following <c>Link rel="next"</c> up to <see cref="HubClientOptions.MaxTreePages"/>
    /// pages. A commit listed a few minutes ago is answered from <see cref="HubTreeCache"/>.
    /// </summary>
    public async Task<IReadOnlyList<RepoFile>> GetTreeAsync(RepoId repo, RepoType type, string revision, CancellationToken cancellationToken)
    {
        if (_trees?.Find(Options, repo, type, revision) is { } kept)
        {
            return kept;
        }

        var files = await ListTreeAsync(repo, type, revision, cancellationToken);
        _trees?.Keep(Options, repo, type, revision, files);
        return files;
    }

    private async Task<IReadOnlyList<RepoFile>> ListTreeAsync(RepoId repo, RepoType type, string revision, CancellationToken cancellationToken)
    {
        var context = new HubCallContext(repo, type, revision);
        var files = new List<RepoFile>();
        Uri? next = _urls.Tree(repo, type, revision);
        // A page that links back to one already read would repeat the listing until MaxTreePages, then fail: a
        // thousand requests and duplicated files for an answer that was never going to end.
        var visited = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; next is not null; page++)
        {
            if (!visited.Add(next.AbsoluteUri))
            {
                throw new HubException(
                    HubErrorKind.Upstream,
                    $"The Hub at {Endpoint.Authority} listed the files of {type.Word()} {repo} at '{revision}' in pages that loop: page {page - 1} links back to an earlier page; HFDesk refuses the listing.")
                {
                    RepoUrl = _urls.RepoPage(repo, type).AbsoluteUri,
                    Refused = true,
                };
            }

            if (page > Options.MaxTreePages)
            {
                throw new HubException(
                    HubErrorKind.Upstream,
                    $"Listing the files of {type.Word()} {repo} at '{revision}' took more than {Options.MaxTreePages} pages; giving up.")
                {
                    RepoUrl = _urls.RepoPage(repo, type).AbsoluteUri,
                    Refused = true,
                };
            }

            using var response = await SendAsync(next, HttpMethod.Get, HubRedirectMode.FollowAll, context, null, cancellationToken);
            var entries = await ReadJsonAsync(response, HubJsonContext.Default.ListHubTreeEntry, cancellationToken);
            foreach (var entry in entries)
            {
                if (entry?.Type == "file")
                {
                    files.Add(ToRepoFile(entry, repo, type));
                }
                else if (entry is null || entry.Type != "directory")
                {
                    throw UnusableTree(repo, type, entry?.Path, $"an entry of type '{entry?.Type}'");
                }
            }

            next = HubLinkHeader.NextLink(response.Message);
        }

        return files;
    }

    /// <summary>
    /// A tree entry as a file. Entries without a path or with a negative size are refused as a broken answer
    /// (they would fail deep inside the analyzer or a plan); whether a path is safe to store and an oid usable is
    /// the planner's question, so a filter can still leave a hostile name out.
    /// </summary>
    private RepoFile ToRepoFile(HubTreeEntry entry, RepoId repo, RepoType type)
    {
        if (entry.Path is null)
        {
            throw UnusableTree(repo, type, entry.Path, "a file without a path");
        }

        var size = entry.Lfs?.Size ?? entry.Size;
        return size < 0
            ? throw UnusableTree(repo, type, entry.Path, $"a negative size ({size})")
            : new RepoFile(entry.Path, size, entry.Oid ?? "", entry.Lfs?.Oid);
    }

    private HubException UnusableTree(RepoId repo, RepoType type, string? path, string what) =>
        new(HubErrorKind.Upstream, $"The Hub at {Endpoint.Authority} listed '{path}' in {type.Word()} {repo} with {what}; HFDesk refuses the listing.")
        {
            RepoUrl = _urls.RepoPage(repo, type).AbsoluteUri,
            Refused = true,
        };

    public Task<RepoRefs> GetRefsAsync(RepoId repo, RepoType type, CancellationToken cancellationToken) =>
        GetJsonAsync(_urls.Refs(repo, type), HubJsonContext.Default.RepoRefs, new HubCallContext(repo, type), cancellationToken);

    public async Task<IReadOnlyList<RepoInfo>> SearchAsync(HubSearchQuery query, CancellationToken cancellationToken)
    {
        var limited = query with { Limit = Math.Clamp(query.Limit, 1, HubSearchQuery.MaxLimit) };
        var expand = query.Type == RepoType.Dataset ? DatasetExpand : ModelExpand;
        var items = await GetJsonAsync(_urls.Search(limited, expand), HubJsonContext.Default.ListRepoInfo, HubCallContext.None, cancellationToken);
        return [.. items.Take(limited.Limit).Select(item => item with { Type = query.Type })];
    }

    /// <summary>HEAD on <c>/resolve/</c>, following only relative redirects, read as huggingface_hub reads it.</summary>
    public async Task<HubFileMetadata> GetFileMetadataAsync(RepoId repo, RepoType type, string revision, string path, CancellationToken cancellationToken)
    {
        var context = new HubCallContext(repo, type, revision, path);
        var url = _urls.Resolve(repo, type, revision, path);
        using var response = await SendAsync(
            url,
            HttpMethod.Head,
            HubRedirectMode.RelativeOnly,
            context,
            // Sizes must be the stored bytes, not a compressed transfer.
            request => request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("identity")),
            cancellationToken);

        var message = response.Message;
        var commit = Header(message, "X-Repo-Commit")
            ?? throw new HubException(HubErrorKind.Upstream, $"{Endpoint.Authority} answered for '{path}' without X-Repo-Commit; it does not look like a Hugging Face Hub.");
        var linkedEtag = Header(message, "X-Linked-Etag");
        var etag = NormalizeEtag(linkedEtag ?? Header(message, "ETag"))
            ?? throw new HubException(HubErrorKind.Upstream, $"{Endpoint.Authority} answered for '{path}' without an ETag.");

        var isRedirect = HubRedirectFollower.IsRedirect(message);
        long? size = long.TryParse(Header(message, "X-Linked-Size"), NumberStyles.None, CultureInfo.InvariantCulture, out var linkedSize)
            ? linkedSize
            : isRedirect ? null : message.Content.Headers.ContentLength;

        Uri downloadUrl;
        if (isRedirect && HubRedirectFollower.RawLocation(message) is { } location)
        {
            downloadUrl = new Uri(response.FinalUri, location);
        }
        else
        {
            downloadUrl = response.FinalUri;
        }

        var sendToken = HasToken && HubRedirectFollower.IsSameOrigin(downloadUrl, Endpoint);
        return new HubFileMetadata(commit, etag, size, downloadUrl, sendToken, linkedEtag is not null);
    }

    /// <summary>
    /// Reads a small file (config.json, README.md, model_index.json…) whole. Returns null when it is larger than
    /// <paramref name="maxBytes"/>: metadata readers skip oversized files rather than load them.
    /// </summary>
    public async Task<byte[]?> ReadSmallFileAsync(RepoId repo, RepoType type, string revision, string path, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        var context = new HubCallContext(repo, type, revision, path);
        using var response = await SendAsync(_urls.Resolve(repo, type, revision, path), HttpMethod.Get, HubRedirectMode.FollowAll, context, null, cancellationToken);
        if (response.Message.Content.Headers.ContentLength > maxBytes)
        {
            return null;
        }

        using var body = BodyDeadline(cancellationToken);
        try
        {
            await using var stream = await response.Message.Content.ReadAsStreamAsync(body.Token);
            var buffer = new byte[checked(maxBytes + 1)];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, body.Token);
            return read > maxBytes ? null : buffer[..read];
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw HubErrorClassifier.FromException(ex, Endpoint, response.TokenWasSent);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw HubErrorClassifier.FromException(ex, Endpoint, response.TokenWasSent);
        }
    }

    /// <summary>
    /// Sends a byte request on the bytes client and returns the final answer of the redirect chain as is (the
    /// caller owns it and judges 200/206/416/4xx). Headers only are read; the body streams.
    /// </summary>
    public async Task<HttpResponseMessage> SendFileRequestAsync(HubFileRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await HubRedirectFollower.SendAsync(
            _transport.Bytes,
            HttpMethod.Get,
            request.Url,
            request.SendToken ? Options.Token : null,
            // Even when asked, the token only ever goes to the configured Hub's host:port.
            Endpoint,
            HubRedirectMode.FollowAll,
            HttpCompletionOption.ResponseHeadersRead,
            message =>
            {
                if (request.RangeFrom is not null || request.RangeTo is not null)
                {
                    message.Headers.Range = new RangeHeaderValue(request.RangeFrom, request.RangeTo);
                }

                message.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("identity"));
            },
            cancellationToken);
        return response.Message;
    }

    /// <summary>Turns a failed answer (e.g. from <see cref="SendFileRequestAsync"/>) into the typed error.</summary>
    internal Task<HubException> ToExceptionAsync(HttpResponseMessage response, bool tokenWasSent, RepoId repo, RepoType type, string revision, string path, CancellationToken cancellationToken) =>
        HubErrorClassifier.FromResponseAsync(response, tokenWasSent, new HubCallContext(repo, type, revision, path), Endpoint, _timeProvider, Options.MaxRetryDelay, cancellationToken);

    internal static string? NormalizeEtag(string? etag)
    {
        if (string.IsNullOrWhiteSpace(etag))
        {
            return null;
        }

        var value = etag.Trim();
        if (value.StartsWith("W/", StringComparison.OrdinalIgnoreCase))
        {
            value = value[2..];
        }

        return value.Trim('"');
    }

    private async Task<T> GetJsonAsync<T>(Uri url, JsonTypeInfo<T> typeInfo, HubCallContext context, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(url, HttpMethod.Get, HubRedirectMode.FollowAll, context, null, cancellationToken);
        return await ReadJsonAsync(response, typeInfo, cancellationToken);
    }

    private async Task<T> ReadJsonAsync<T>(HubResponse response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var body = BodyDeadline(cancellationToken);
        try
        {
            await using var stream = await response.Message.Content.ReadAsStreamAsync(body.Token);
            return await JsonSerializer.DeserializeAsync(stream, typeInfo, body.Token)
                ?? throw new JsonException("The answer was JSON null.");
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw HubErrorClassifier.FromException(ex, Endpoint, response.TokenWasSent);
        }
        catch (JsonException ex)
        {
            throw new HubException(HubErrorKind.Upstream, $"The Hub at {Endpoint.Authority} sent an answer HFDesk could not read: {ex.Message}", ex)
            {
                StatusCode = (int)response.Message.StatusCode,
                TokenWasSent = response.TokenWasSent,
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw HubErrorClassifier.FromException(ex, Endpoint, response.TokenWasSent);
        }
    }

    /// <summary>Sends on the metadata client; a failed final answer becomes a <see cref="HubException"/>.</summary>
    private async Task<HubResponse> SendAsync(
        Uri url,
        HttpMethod method,
        HubRedirectMode mode,
        HubCallContext context,
        Action<HttpRequestMessage>? configure,
        CancellationToken cancellationToken)
    {
        var response = await HubRedirectFollower.SendAsync(
            _transport.Metadata, method, url, Options.Token, Endpoint, mode, HttpCompletionOption.ResponseHeadersRead, configure, cancellationToken);
        var status = (int)response.Message.StatusCode;
        if (status is >= 200 and < 300 || (mode == HubRedirectMode.RelativeOnly && HubRedirectFollower.IsRedirect(response.Message)))
        {
            return response;
        }

        using (response)
        {
            throw await HubErrorClassifier.FromResponseAsync(
                response.Message, response.TokenWasSent, context, Endpoint, _timeProvider, Options.MaxRetryDelay, cancellationToken);
        }
    }

    /// <summary>
    /// The resilience pipeline's timeout ends when headers arrive; a Hub that then stalls mid-body would hang a
    /// metadata call forever. Bodies here are small, so one request timeout bounds reading them too.
    /// </summary>
    private HubBodyDeadline BodyDeadline(CancellationToken cancellationToken) =>
        new(Options.RequestTimeout, _timeProvider, cancellationToken);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) ? values.FirstOrDefault()
        : response.Content.Headers.NonValidated.TryGetValues(name, out var contentValues) ? contentValues.FirstOrDefault()
        : null;
}
