using System.Diagnostics;

namespace HFDesk.Core.Tests.Downloads;

/// <summary>Starts the benchmark's transfer worker (<c>HFDesk.Bench worker</c>) as a real child process that a test can kill.</summary>
internal static class BenchWorkerProcess
{
    public static Process Start(params string[] arguments)
    {
        var root = RepoRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";
        var dll = Path.Combine(root, "bench", "HFDesk.Bench", "bin", configuration, "net10.0", "HFDesk.Bench.dll");
        Assert.True(File.Exists(dll), $"The bench worker is built with the tests (ProjectReference); missing {dll}");

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("worker");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the bench worker");
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HFDesk.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("HFDesk.slnx not found above " + AppContext.BaseDirectory);
    }
}
