using System.Collections.Concurrent;

namespace HFDesk.HubEmulator;

/// <summary>
/// Faults injected into one host's responses; thread-safe and changeable while a test runs.
/// "First K requests" counts only requests in the rule's scope, per host.
/// </summary>
public sealed class FaultPlan
{
    private readonly List<FaultRule> _rules = [];
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<string, int> _openRanged = new(StringComparer.Ordinal);

    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (_gate)
            {
                return [.. _rules];
            }
        }
    }

    /// <summary>Caps every matching response body to <paramref name="bytesPerSecond"/> (per connection).</summary>
    public FaultRule BandwidthCap(long bytesPerSecond, FaultScope? scope = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytesPerSecond, 1);
        return Add(new FaultRule(FaultKind.BandwidthCap, scope ?? FaultScope.Any, int.MaxValue) { BytesPerSecond = bytesPerSecond });
    }

    /// <summary>Sends <paramref name="bytes"/> body bytes then drops the connection, for the first <paramref name="times"/> body responses.</summary>
    public FaultRule CutAfter(long bytes, int times = 1, FaultScope? scope = null) =>
        Add(new FaultRule(FaultKind.CutAfter, scope ?? FaultScope.Any, times) { Bytes = bytes });

    /// <summary>Answers 429 with <c>Retry-After</c> and <c>RateLimit</c> headers for the first <paramref name="times"/> requests.</summary>
    public FaultRule RateLimit(int times = 1, int retryAfterSeconds = 1, FaultScope? scope = null) =>
        Add(new FaultRule(FaultKind.RateLimit, scope ?? FaultScope.Any, times) { RetryAfterSeconds = retryAfterSeconds, StatusCode = 429 });

    public FaultRule ServerError(int times = 1, int statusCode = 503, FaultScope? scope = null) =>
        Add(new FaultRule(FaultKind.ServerError, scope ?? FaultScope.Any, times) { StatusCode = statusCode });

    /// <summary>
    /// Stalls the first <paramref name="times"/> requests for <paramref name="duration"/>. <see cref="StallMode.AfterHeaders"/>
    /// applies to body responses of byte routes only; <see cref="StallMode.BeforeHeaders"/> to any request.
    /// </summary>
    public FaultRule Stall(TimeSpan duration, int times = 1, StallMode mode = StallMode.AfterHeaders, FaultScope? scope = null) =>
        Add(new FaultRule(FaultKind.Stall, scope ?? FaultScope.Any, times) { Duration = duration, StallMode = mode });

    /// <summary>Answers ranged requests with 200 and the whole file.</summary>
    public FaultRule IgnoreRange(int times = int.MaxValue, FaultScope? scope = null) =>
        Add(new FaultRule(FaultKind.IgnoreRange, scope ?? FaultScope.Any, times));

    /// <summary>Answers regular (non-LFS) files on <c>/resolve/</c> with a relative 307 to <c>/api/resolve-cache/…</c>, as the real Hub does since 2025.</summary>
    public FaultRule RelativeRedirects(int times = int.MaxValue, FaultScope? scope = null) =>
        Add(new FaultRule(FaultKind.RelativeRedirect, scope ?? FaultScope.Any, times));

    /// <summary>Answers 403 to a ranged request while another ranged request for the same file is still being served.</summary>
    public FaultRule RefuseExtraConnections(int times = int.MaxValue, FaultScope? scope = null) =>
        Add(new FaultRule(FaultKind.RefuseExtraConnections, scope ?? FaultScope.Any, times));

    /// <summary>Serves wrong bytes (same length) for matching files: every byte at an offset multiple of 1024 is flipped.</summary>
    public FaultRule CorruptBytes(string pathContains, RequestOrigin? origin = null, int times = int.MaxValue) =>
        Add(new FaultRule(FaultKind.CorruptBytes, new FaultScope(pathContains, origin), times));

    /// <summary>
    /// A slow drip: each of the first <paramref name="times"/> body responses sends <paramref name="bytes"/> bytes, then
    /// nothing for <paramref name="stall"/>, then ends short. Every reconnect "makes progress", yet almost nothing arrives.
    /// </summary>
    public FaultRule Drip(long bytes, TimeSpan stall, int times = int.MaxValue, FaultScope? scope = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1);
        return Add(new FaultRule(FaultKind.Drip, scope ?? FaultScope.Any, times) { Bytes = bytes, Duration = stall });
    }

    /// <summary>
    /// The file changed upstream: from now on matching byte requests see a version of <paramref name="newSize"/> bytes
    /// (the old bytes, then filler), so a range past its end answers 416 and any other names the new total in
    /// <c>Content-Range</c> (or <c>Content-Length</c> for a whole-file 200). Add it between two requests of a transfer.
    /// </summary>
    public FaultRule ChangedUpstream(long newSize, FaultScope? scope = null, int times = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(newSize);
        return Add(new FaultRule(FaultKind.ChangedUpstream, scope ?? FaultScope.Any, times) { Bytes = newSize });
    }

    /// <summary>
    /// Tree listings whose <c>Link: rel="next"</c> always points back to the first page (on the first page: to itself),
    /// so a client that follows links without remembering them never ends.
    /// </summary>
    public FaultRule LoopingPagination(int times = int.MaxValue, FaultScope? scope = null) =>
        Add(new FaultRule(FaultKind.LoopingPagination, scope ?? FaultScope.Any, times));

    /// <summary>
    /// Tree listings whose <c>Link: rel="next"</c> points to the next page on <paramref name="host"/> (another emulator,
    /// say) instead of this Hub: whoever follows it must not take the token along.
    /// </summary>
    public FaultRule PaginationElsewhere(Uri host, int times = int.MaxValue, FaultScope? scope = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        return Add(new FaultRule(FaultKind.PaginationElsewhere, scope ?? FaultScope.Any, times) { Target = host });
    }

    /// <summary>
    /// Matching Hub requests answer <c>302</c> to themselves: a relative <c>Location</c> (followed by every client), or an
    /// absolute one on this host with <paramref name="absolute"/>. A redirect loop the client must bound.
    /// </summary>
    public FaultRule RedirectLoop(bool absolute = false, int times = int.MaxValue, FaultScope? scope = null) =>
        Add(new FaultRule(FaultKind.RedirectLoop, scope ?? FaultScope.Hub, times) { Absolute = absolute });

    /// <summary>
    /// Matching Hub requests answer <c>302</c> to the same path and query on <paramref name="host"/> (another
    /// emulator, say): a cross-host redirect, whose target must never see the token.
    /// </summary>
    public FaultRule RedirectElsewhere(Uri host, int times = int.MaxValue, FaultScope? scope = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        return Add(new FaultRule(FaultKind.RedirectElsewhere, scope ?? FaultScope.Hub, times) { Target = host });
    }

    /// <summary>
    /// Body responses declare a <c>Content-Length</c> <paramref name="delta"/> bytes off. More than sent: the true bytes
    /// follow, then the connection ends short. Fewer: only that many bytes are sent (Kestrel never writes past the
    /// declared length), while a 206's <c>Content-Range</c> still names the whole range.
    /// </summary>
    public FaultRule LyingContentLength(long delta, int times = int.MaxValue, FaultScope? scope = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(delta);
        return Add(new FaultRule(FaultKind.LyingContentLength, scope ?? FaultScope.Any, times) { Bytes = delta });
    }

    /// <summary>
    /// 206 answers carry a <c>Content-Range</c> that lies: start and end moved by <paramref name="startShift"/>, total by
    /// <paramref name="totalShift"/>. The body is still the asked bytes.
    /// </summary>
    public FaultRule LyingContentRange(long startShift = 0, long totalShift = 0, int times = int.MaxValue, FaultScope? scope = null)
    {
        if (startShift == 0 && totalShift == 0)
        {
            throw new ArgumentException("A lie needs a shift of the start or of the total");
        }

        return Add(new FaultRule(FaultKind.LyingContentRange, scope ?? FaultScope.Any, times) { StartShift = startShift, TotalShift = totalShift });
    }

    /// <summary>
    /// 206 answers send more than asked, as a server that ignores the end of the Range would: the asked bytes, then
    /// <paramref name="extraBytes"/> bytes of filler (0xEE, not the file's), with <c>Content-Range</c> and
    /// <c>Content-Length</c> covering them. A client that writes past its part corrupts its neighbour.
    /// </summary>
    public FaultRule OverdeliverRange(long extraBytes, int times = int.MaxValue, FaultScope? scope = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(extraBytes, 1);
        return Add(new FaultRule(FaultKind.OverdeliverRange, scope ?? FaultScope.Any, times) { Bytes = extraBytes });
    }

    public void Remove(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Remove(rule);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>The first matching rule of <paramref name="kind"/> that still has hits left, consuming one hit.</summary>
    internal FaultRule? Take(FaultKind kind, RequestOrigin origin, string requestPath, string? filePath, Func<FaultRule, bool>? filter = null)
    {
        foreach (var rule in Rules)
        {
            if (rule.Kind == kind && rule.Scope.Matches(origin, requestPath, filePath) && (filter?.Invoke(rule) ?? true) && rule.TryTake())
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>The lowest matching bandwidth cap (caps never run out), or null.</summary>
    internal long? BandwidthFor(RequestOrigin origin, string requestPath, string? filePath)
    {
        long? cap = null;
        foreach (var rule in Rules)
        {
            if (rule.Kind == FaultKind.BandwidthCap && rule.Scope.Matches(origin, requestPath, filePath))
            {
                cap = cap is null ? rule.BytesPerSecond : Math.Min(cap.Value, rule.BytesPerSecond);
            }
        }

        return cap;
    }

    internal int EnterRanged(string key) => _openRanged.AddOrUpdate(key, 1, (_, n) => n + 1);

    internal void ExitRanged(string key) => _openRanged.AddOrUpdate(key, 0, (_, n) => Math.Max(0, n - 1));

    private FaultRule Add(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
        }

        return rule;
    }
}
