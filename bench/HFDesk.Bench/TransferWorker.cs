using System.Globalization;
using System.Text.Json;
using HFDesk.Core.Downloads;

namespace HFDesk.Bench;

/// <summary>
/// <c>worker --list FILE [--connections N] [--max-active N] [--threshold BYTES] [--verify MODE] [--flush true|false] [--journal-interval-ms N] [--journal-bytes N] [--buffer-kib N]</c>:
/// downloads every job of the list with the engine (temp file + journal next to the output, renamed on success, as a
/// storage layout does) and prints one JSON summary line. Killing it mid-way leaves exactly what a crash leaves.
/// </summary>
internal static class TransferWorker
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? list = null;
        var options = TransferOptions.Default;
        var maxActive = 8;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--list": list = value; break;
                case "--connections": options = options with { Connections = int.Parse(value, CultureInfo.InvariantCulture) }; break;
                case "--max-active": maxActive = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--threshold": options = options with { MultipartThreshold = long.Parse(value, CultureInfo.InvariantCulture) }; break;
                case "--verify": options = options with { Verify = Enum.Parse<VerifyMode>(value, ignoreCase: true) }; break;
                case "--flush": options = options with { FlushOnComplete = bool.Parse(value) }; break;
                case "--buffer-kib": options = options with { BufferSize = int.Parse(value, CultureInfo.InvariantCulture) * 1024 }; break;
                case "--journal-bytes": options = options with { JournalBytes = long.Parse(value, CultureInfo.InvariantCulture) }; break;
                case "--journal-interval-ms":
                    options = options with { JournalInterval = TimeSpan.FromMilliseconds(int.Parse(value, CultureInfo.InvariantCulture)) };
                    break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown worker option {args[i]}");
                    return 2;
            }
        }

        if (list is null)
        {
            await Console.Error.WriteLineAsync("worker needs --list FILE");
            return 2;
        }

        var jobs = (await File.ReadAllLinesAsync(list)).Where(l => l.Length > 0).Select(WorkerJob.Parse).ToList();
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = int.MaxValue };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var downloader = new RangeDownloader(http, new BandwidthLimiter(TimeProvider.System), TimeProvider.System);

        long fetched = 0, resumed = 0, rehashed = 0;
        await Parallel.ForEachAsync(
            jobs,
            new ParallelOptions { MaxDegreeOfParallelism = maxActive },
            async (job, cancellationToken) =>
            {
                var temp = job.OutputPath + ".incomplete";
                var request = new TransferRequest(job.Url, null, job.Size, job.Sha256, job.Etag, null, temp, temp + ".journal");
                var result = await downloader.DownloadAsync(request, options, null, cancellationToken);
                File.Move(temp, job.OutputPath, overwrite: true);
                Interlocked.Add(ref fetched, result.BytesFetched);
                Interlocked.Add(ref resumed, result.BytesResumed);
                Interlocked.Add(ref rehashed, result.BytesRehashed);
            });

        Console.WriteLine(JsonSerializer.Serialize(
            new WorkerSummary(jobs.Count, fetched, resumed, rehashed),
            BenchJsonContext.Default.WorkerSummary));
        return 0;
    }
}
