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
    public static BenchTool HfDeskCli(Uri endpoint, string repoId, string commit, int connections, int maxActive) => new("hfdesk download", (_, workDir) =>
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "HFDesk.Cli", "bin", BuildConfiguration, "net10.0", "hfdesk.dll");
        if (!File.Exists(cli))
        {
            throw new FileNotFoundException("hfdesk is built with the bench (ProjectReference); not found", cli);
        }

        return (DotnetHost, [
            Path.GetFullPath(cli), "download", repoId, "--endpoint", endpoint.AbsoluteUri, "--cache-dir", Path.Combine(workDir, "cache"),
            "--data-dir", Path.Combine(workDir, "data"), "--max-active", $"{maxActive}", "-c", $"{connections}", "--json",
        ]);
    })
    {
        OutputOf = (file, _, workDir) => Path.Combine(
            [workDir, "cache", "hub", "models--" + repoId.Replace("/", "--", StringComparison.Ordinal), "snapshots", commit, .. file.RepoPath.Split('/')]),
    };
    public static BenchTool HfDesk(int connections, int maxActive, string name = "hfdesk", params string[] extra) => new(name, (jobs, workDir) =>
    {
        var list = Path.Combine(workDir, "hfdesk.list");
        File.WriteAllLines(list, jobs.Select(j => j.ToLine()));
        var (host, prefix) = SelfCommand();
        return (host, [.. prefix, "worker", "--list", list, "--connections", $"{connections}", "--max-active", $"{maxActive}", .. extra]);
    })
    {
        PrintsWorkerSummary = true,
    };

    public static BenchTool Aria2(int connections, int maxActive) => new("aria2c", (jobs, workDir) =>
    {
        var list = Path.Combine(workDir, "aria2.list");
        File.WriteAllLines(list, jobs.SelectMany(j => new[]
        {
            j.Url.AbsoluteUri,
            $"  dir={Path.GetDirectoryName(j.OutputPath)}",
            $"  out={Path.GetFileName(j.OutputPath)}",
        }));
        return ("aria2c", [
            "-x", $"{connections}", "-s", $"{connections}", "-k", "1M", "-j", $"{maxActive}", "-i", list,
            "--console-log-level=warn", "--summary-interval=0", "--download-result=hide",
            "--allow-overwrite=true", "--auto-file-renaming=false",
        ]);
    });

    /// <summary>curl -o to disk; several files go through one curl with --parallel, as a script would do it.</summary>
    public static BenchTool Curl(int maxActive) => new("curl", (jobs, workDir) =>
    {
        var config = Path.Combine(workDir, "curl.config");
        File.WriteAllLines(config, jobs.SelectMany(j => new[] { $"url = \"{j.Url.AbsoluteUri}\"", $"output = \"{j.OutputPath}\"" }));
        string[] parallel = jobs.Count > 1 ? ["--parallel", "--parallel-max", $"{maxActive}"] : [];
        return ("curl", ["-sS", "--fail", .. parallel, "-K", config]);
    });

    private static string BuildConfiguration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private static string DotnetHost =>
        Environment.ProcessPath is { } self && string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.OrdinalIgnoreCase)
            ? self
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    // The worker runs as this same program; under `dotnet run` that is the apphost, else `dotnet HFDesk.Bench.dll`.
    private static (string Host, string[] Prefix) SelfCommand()
    {
        var self = Environment.ProcessPath ?? "dotnet";
        return string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.OrdinalIgnoreCase)
            ? (self, [typeof(BenchTool).Assembly.Location])
            : (self, []);
    }
}
