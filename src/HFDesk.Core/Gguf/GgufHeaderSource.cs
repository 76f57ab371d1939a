using System.Collections.Concurrent;
using System.Net;
using HFDesk.Core.Hub;

namespace HFDesk.Core.Gguf;

/// <summary>
/// Reads the model shape from a GGUF file on the Hub with one ranged request for its first bytes (grown once
/// when the header is longer), remembered per endpoint, repo, commit and file: a commit never changes, so a
/// second analyze of the same repo (or another context) costs no request.
/// </summary>
internal sealed class GgufHeaderSource
{
    /// <summary>The first request: llama.cpp writes the architecture keys before the tokenizer, in the first KBs.</summary>
    public const int InitialBytes = 1 << 20;

    /// <summary>The one larger request when the first ended before the keys the estimate needs.</summary>
    public const int GrownBytes = 8 << 20;

    private const int MaxEntries = 512;
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, GgufModelShape?> _shapes = new(StringComparer.Ordinal);

    /// <summary>The shape, or null when the header is unreadable, hostile, or the Hub refused the bytes.</summary>
    public async Task<GgufModelShape?> ReadShapeAsync(HubClient hub, RepoId repo, RepoType type, string commit, RepoFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(file);
        var key = $"{hub.Endpoint.AbsoluteUri}|{type}|{repo}|{commit}|{file.Path}";
        if (_shapes.TryGetValue(key, out var known))
        {
            return known;
        }

        var shape = await FetchAsync(hub, repo, type, commit, file, cancellationToken);
        if (_shapes.Count >= MaxEntries)
        {
            // Analyses of hundreds of repos in one process are rare; forgetting them all keeps the bound simple.
            _shapes.Clear();
        }

        _shapes[key] = shape;
        return shape;
    }

    private static async Task<GgufModelShape?> FetchAsync(HubClient hub, RepoId repo, RepoType type, string commit, RepoFile file, CancellationToken cancellationToken)
    {
        var metadata = await ReadPrefixAsync(hub, repo, type, commit, file, InitialBytes, cancellationToken);
        var shape = metadata is null ? null : GgufModelShape.FromMetadata(metadata);
        if (shape is null && metadata is { Status: GgufReadStatus.Partial } && file.Size > InitialBytes)
        {
            metadata = await ReadPrefixAsync(hub, repo, type, commit, file, GrownBytes, cancellationToken);
            shape = metadata is null ? null : GgufModelShape.FromMetadata(metadata);
        }

        return shape;
    }

    private static async Task<GgufMetadata?> ReadPrefixAsync(HubClient hub, RepoId repo, RepoType type, string commit, RepoFile file, int length, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadTimeout);
        try
        {
            var url = hub.ResolveUrl(repo, type, commit, file.Path);
            using var response = await hub.SendFileRequestAsync(new HubFileRequest(url, hub.HasToken, 0, length - 1), timeout.Token);
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.PartialContent))
            {
                return null;
            }

            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            // A Hub that ignores Range sends the whole file: read no more than asked for either way.
            var buffer = new byte[(int)Math.Min(length, Math.Max(file.Size, 0) is > 0 and var size ? size : length)];
            var read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, timeout.Token);
            return GgufMetadataReader.Read(buffer.AsSpan(0, read), file.Size > 0 ? file.Size : null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or HubException)
        {
            // No header, no estimate: the analysis falls back to sizes alone rather than failing.
            return null;
        }
    }
}
