namespace HFDesk.Bench;

/// <summary>A downloader under test: how to fetch a list of jobs into their output paths.</summary>
internal sealed record BenchTool(string Name, Func<IReadOnlyList<WorkerJob>, string, (string FileName, string[] Arguments)> Command)
{
    public static BenchTool HfDesk(int connections, int maxActive) => new("hfdesk", (jobs, workDir) =>
    {
        var list = Path.Combine(workDir, "hfdesk.list");
        File.WriteAllLines(list, jobs.Select(j => j.ToLine()));
        var (host, prefix) = SelfCommand();
        return (host, [.. prefix, "worker", "--list", list, "--connections", $"{connections}", "--max-active", $"{maxActive}"]);
    });

    public static BenchTool Aria2(int connections, int maxActive) => new("aria2c", (jobs, workDir) =>
    {
        var list = Path.Combine(workDir, "aria2.list");
        File.WriteAllLines(list, jobs.SelectMany(j => new[]
        {
            j.Url.ToString(),
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
        File.WriteAllLines(config, jobs.SelectMany(j => new[] { $"url = \"{j.Url}\"", $"output = \"{j.OutputPath}\"" }));
        string[] parallel = jobs.Count > 1 ? ["--parallel", "--parallel-max", $"{maxActive}"] : [];
        return ("curl", ["-sS", "--fail", .. parallel, "-K", config]);
    });

    // The worker runs as this same program; under `dotnet run` that is the apphost, else `dotnet HFDesk.Bench.dll`.
    private static (string Host, string[] Prefix) SelfCommand()
    {
        var self = Environment.ProcessPath ?? "dotnet";
        return string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.OrdinalIgnoreCase)
            ? (self, [typeof(BenchTool).Assembly.Location])
            : (self, []);
    }
}
