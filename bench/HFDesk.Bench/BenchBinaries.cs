using System.Diagnostics;
using System.Runtime.InteropServices;

namespace HFDesk.Bench;

/// <summary>
/// The HFDesk programs a run measures: the engine worker (this program) and <c>hfdesk</c>. By default both are
/// published for this machine's runtime identifier with ReadyToRun, the way a user installs HFDesk, so the
/// numbers are not a JIT warming up; <c>--no-publish</c> measures the plain build output instead.
/// </summary>
internal sealed record BenchBinaries(string Host, string[] WorkerPrefix, string CliDll, string Description)
{
    public static async Task<BenchBinaries> PrepareAsync(bool publish, string workRoot, CancellationToken cancellationToken)
    {
        var host = DotnetHost;
        if (!publish)
        {
            var cli = Path.Combine(RepoRoot, "src", "HFDesk.Cli", "bin", BuildConfiguration, "net10.0", "hfdesk.dll");
            if (!File.Exists(cli))
            {
                throw new FileNotFoundException("hfdesk is built with the bench (ProjectReference); not found", cli);
            }

            return new BenchBinaries(host, [typeof(BenchBinaries).Assembly.Location], cli, $"build output ({BuildConfiguration}, JIT)");
        }

        var rid = RuntimeInformation.RuntimeIdentifier;
        var benchDir = Path.Combine(workRoot, "published", "bench");
        var cliDir = Path.Combine(workRoot, "published", "hfdesk");

        // One after the other: both builds compile HFDesk.Core for the same runtime identifier into the same obj folder.
        await PublishAsync(host, Path.Combine(RepoRoot, "bench", "HFDesk.Bench", "HFDesk.Bench.csproj"), rid, benchDir, cancellationToken);
        await PublishAsync(host, Path.Combine(RepoRoot, "src", "HFDesk.Cli", "HFDesk.Cli.csproj"), rid, cliDir, cancellationToken);
        return new BenchBinaries(host, [Path.Combine(benchDir, "HFDesk.Bench.dll")], Path.Combine(cliDir, "hfdesk.dll"), $"published for {rid} with ReadyToRun");
    }

    private static async Task PublishAsync(string host, string project, string rid, string output, CancellationToken cancellationToken)
    {
        await Console.Error.WriteLineAsync($"Publishing {Path.GetFileNameWithoutExtension(project)} ({rid}, ReadyToRun)…");
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["publish", project, "-c", "Release", "-r", rid, "--self-contained", "false", "-o", output, "--nologo", "-v", "q"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {host} publish");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {project} failed: {await stdout}{await stderr}");
        }
    }

    private static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "HFDesk.slnx")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException($"No HFDesk.slnx above {AppContext.BaseDirectory}: run the bench from the repository");
        }
    }

    private static string BuildConfiguration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private static string DotnetHost =>
        Environment.ProcessPath is { } self && string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.OrdinalIgnoreCase)
            ? self
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
}
