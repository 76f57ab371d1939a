using System.Collections.Concurrent;
using HFDesk.Core.Downloads;
using HFDesk.Core.Jobs.Execution;
using HFDesk.HubEmulator;

namespace HFDesk.Core.Tests.Downloads;

/// <summary>An emulator with one test repo, a scratch directory and an engine wired as production wires it.</summary>
internal sealed class TransferTestBed : IAsyncDisposable
{
    public const long KiB = 1024;
    public const long MiB = 1024 * 1024;

    private readonly SocketsHttpHandler _handler = new() { AllowAutoRedirect = false };
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hfdesk-engine-");

    private TransferTestBed(HubEmulatorHost emulator, RepoFixture repo)
    {
        Emulator = emulator;
        Repo = repo;
        Http = new HttpClient(_handler) { Timeout = Timeout.InfiniteTimeSpan };
        Limiter = new BandwidthLimiter(TimeProvider.System);
        Downloader = new RangeDownloader(Http, Limiter, TimeProvider.System);
    }

    public HubEmulatorHost Emulator { get; }

    public RepoFixture Repo { get; }

    public HttpClient Http { get; }

    public BandwidthLimiter Limiter { get; }

    public RangeDownloader Downloader { get; }

    public string Root => _dir.FullName;

    /// <summary>Options that keep tests quick: small parts, short backoff, frequent journal checkpoints.</summary>
    public static TransferOptions FastOptions { get; } = new()
    {
        Connections = 4,
        MultipartThreshold = 1 * MiB,
        MinPartSize = 256 * KiB,
        InitialBackoff = TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        JournalInterval = TimeSpan.FromMilliseconds(100),
        StallTimeout = TimeSpan.FromSeconds(30),
    };

    public static Task<TransferTestBed> StartAsync(Action<RepoFixture> describe, CancellationToken cancellationToken) =>
        StartAsync(describe, "engine/files", cancellationToken);

    public static async Task<TransferTestBed> StartAsync(Action<RepoFixture> describe, string repoId, CancellationToken cancellationToken)
    {
        var emulator = await HubEmulatorHost.StartAsync(new HubEmulatorOptions { IncludeStandardFixtures = false }, cancellationToken);
        var repo = RepoFixture.Model(repoId);
        describe(repo);
        emulator.Repos.Add(repo);
        return new TransferTestBed(emulator, repo);
    }

    /// <summary>A request for a fixture file through <c>/resolve/</c>; LFS files take the 302 to the CDN port.</summary>
    public TransferRequest Request(string path, string? token = null, string? name = null)
    {
        var file = Repo.File(path);
        var temp = Path.Combine(Root, (name ?? file.FileName()) + ".incomplete");
        return new TransferRequest(
            Emulator.ResolveUrl(Repo, path),
            token,
            file.Size,
            file.IsLfs ? file.Sha256 : null,
            file.IsLfs ? file.Sha256 : file.GitOid,
            Repo.Commit,
            temp,
            temp + ".journal")
        {
            RepoUrl = new Uri(Emulator.Endpoint, Repo.Id).ToString(),
        };
    }

    /// <summary>Downloads as the runner does: the engine's failures reach the test worded for a user, as they reach one.</summary>
    public async Task<TransferResult> DownloadAsync(TransferRequest request, TransferOptions? options = null, IProgress<TransferProgress>? progress = null, CancellationToken? cancellationToken = null)
    {
        try
        {
            return await Downloader.DownloadAsync(request, options ?? FastOptions, progress, cancellationToken ?? TestContext.Current.CancellationToken);
        }
        catch (TransferGaveUpException gaveUp)
        {
            throw TransferFailureWording.Explain(gaveUp, request);
        }
    }

    public void AssertFileIsExactly(string path, TransferRequest request)
    {
        var expected = Repo.File(path).ReadAllBytes();
        var actual = File.ReadAllBytes(request.TempPath);
        Assert.Equal(expected.Length, actual.Length);
        Assert.True(expected.AsSpan().SequenceEqual(actual), "downloaded bytes differ from the fixture");
        Assert.False(File.Exists(request.JournalPath), "the journal is deleted once the file is complete");
    }

    /// <summary>Requests that carried bytes of <paramref name="path"/> (resolve and CDN).</summary>
    public IReadOnlyList<LoggedRequest> ByteRequests(string path) =>
        [.. Emulator.Requests.Snapshot().Where(r => r.Method == "GET" && r.FilePath == path)];

    /// <summary><c>bytes=a-b</c> as the half-open range <c>[a, b+1)</c>; open-ended ranges end at long.MaxValue.</summary>
    public static (long Start, long End) ParseRange(string header)
    {
        var spec = header["bytes=".Length..];
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        var start = long.Parse(spec[..dash], System.Globalization.CultureInfo.InvariantCulture);
        var end = dash == spec.Length - 1 ? long.MaxValue : long.Parse(spec[(dash + 1)..], System.Globalization.CultureInfo.InvariantCulture) + 1;
        return (start, end);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        _handler.Dispose();
        await Emulator.DisposeAsync();
        try
        {
            _dir.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Collects every progress report synchronously (Progress&lt;T&gt; would post them later).</summary>
internal sealed class ProgressLog : IProgress<TransferProgress>
{
    public ConcurrentQueue<TransferProgress> Reports { get; } = new();

    public void Report(TransferProgress value) => Reports.Enqueue(value);

    public bool SawActivity(string fragment) => Reports.Any(r => r.Activity?.Contains(fragment, StringComparison.Ordinal) == true);
}

internal static class FixtureFileNames
{
    public static string FileName(this FixtureFile file) => file.Path[(file.Path.LastIndexOf('/') + 1)..];
}
