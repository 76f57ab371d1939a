namespace HFDesk.Bench;

/// <summary>A downloader under test: how to fetch a list of jobs, and where each file then is.</summary>
internal sealed record BenchTool(string Name, Func<IReadOnlyList<WorkerJob>, string, (string FileName, string[] Arguments)> Command)
{
    /// <summary>True for the engine worker, whose stdout is a <see cref="WorkerSummary"/>.</summary>
    public bool PrintsWorkerSummary { get; init; }

    /// <summary>Where the tool leaves a file (default: the job's output path).</summary>
    public Func<BenchFile, WorkerJob, string, string> OutputOf { get; init; } = (_, job, _) => job.OutputPath;

    /// <summary>
    /// The real <c>hfdesk download owner/name</c> into an HF cache in the work directory: repo info, tree, a HEAD per
    /// file, transfer, blob + snapshot commit, refs and manifest. The peers only fetch the already-resolved URLs.
    /// </summary>
    public static BenchTool HfDeskCli(BenchBinaries binaries, Uri endpoint, string repoId, string commit, int connections, int maxActive) => new("hfdesk download", (_, workDir) =>
        (binaries.Host, [
            binaries.CliDll, "download", repoId, "--endpoint", endpoint.AbsoluteUri, "--cache-dir", Path.Combine(workDir, "cache"),
            "--data-dir", Path.Combine(workDir, "data"), "--max-active", $"{maxActive}", "-c", $"{connections}", "--json",
        ]))
    {
        OutputOf = (file, _, workDir) => Path.Combine(
            [workDir, "cache", "hub", "models--" + repoId.Replace("/", "--", StringComparison.Ordinal), "snapshots", commit, .. file.RepoPath.Split('/')]),
    };

    /// <summary>The engine alone (<c>worker</c>): temp file, journal, verification and rename, no Hub metadata calls.</summary>
    public static BenchTool HfDesk(BenchBinaries binaries, int connections, int maxActive, string name = "hfdesk", params string[] extra) => new(name, (jobs, workDir) =>
    {
        var list = Path.Combine(workDir, "hfdesk.list");
        File.WriteAllLines(list, jobs.Select(j => j.ToLine()));
        return (binaries.Host, [.. binaries.WorkerPrefix, "worker", "--list", list, "--connections", $"{connections}", "--max-active", $"{maxActive}", .. extra]);
    })
    {
        PrintsWorkerSummary = true,
    };

    /// <summary>
    /// aria2c; with <paramref name="verifySha256"/> it also checks each file's SHA-256 (<c>checksum=sha-256=…</c>), the
    /// same work HFDesk always does for LFS files, so the CPU comparison can be made like for like.
    /// </summary>
    public static BenchTool Aria2(int connections, int maxActive, bool verifySha256 = false) => new(verifySha256 ? "aria2c + SHA-256 check" : "aria2c", (jobs, workDir) =>
    {
        var list = Path.Combine(workDir, "aria2.list");
        File.WriteAllLines(list, jobs.SelectMany(j => (string[])
        [
            j.Url.AbsoluteUri,
            $"  dir={Path.GetDirectoryName(j.OutputPath)}",
            $"  out={Path.GetFileName(j.OutputPath)}",
            .. verifySha256 && j.Sha256 is { } sha ? [$"  checksum=sha-256={sha}"] : Array.Empty<string>(),
        ]));
        return ("aria2c", [
            "-x", $"{connections}", "-s", $"{connections}", "-k", "1M", "-j", $"{maxActive}", "-i", list,
            "--console-log-level=warn", "--summary-interval=0", "--download-result=hide",
            "--allow-overwrite=true", "--auto-file-renaming=false",
        ]);
    });

    /// <summary>
    /// The limit row: <c>openssl dgst -sha256</c> of the same bytes already on disk (in the page cache). A verified
    /// download cannot beat one core's SHA-256 of its bytes; the distance to this row is HFDesk's overhead.
    /// </summary>
    public static BenchTool OpensslSha256(string path) => new("openssl dgst -sha256 (limit)", (_, _) => ("openssl", ["dgst", "-sha256", path]))
    {
        OutputOf = (_, _, _) => path,
    };

    /// <summary>curl -o to disk; several files go through one curl with --parallel, as a script would do it.</summary>
    public static BenchTool Curl(int maxActive) => new("curl", (jobs, workDir) =>
    {
        var config = Path.Combine(workDir, "curl.config");
        File.WriteAllLines(config, jobs.SelectMany(j => new[] { $"url = \"{j.Url.AbsoluteUri}\"", $"output = \"{j.OutputPath}\"" }));
        string[] parallel = jobs.Count > 1 ? ["--parallel", "--parallel-max", $"{maxActive}"] : [];
        return ("curl", ["-sS", "--fail", .. parallel, "-K", config]);
    });
}
