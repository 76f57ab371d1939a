using System.Diagnostics;
using System.Text;

namespace HFDesk.Core.Tests.Interop;

/// <summary>
/// Runs the Node scripts of <c>tests/interop</c> (the official @huggingface/hub client, pinned by
/// package-lock.json). Installs packages with <c>npm ci</c> once when <c>node_modules</c> is missing.
/// </summary>
internal static class NodeInterop
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    public static string Directory { get; } = FindInteropDirectory();

    /// <summary>Skips the calling test when Node is absent on a developer machine; fails under CI, which must have it.</summary>
    public static async Task RequireNodeAsync(CancellationToken cancellationToken)
    {
        NodeResult version;
        try
        {
            version = await RunAsync("node", ["--version"], TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch (System.ComponentModel.Win32Exception) when (Environment.GetEnvironmentVariable("CI") is null)
        {
            Assert.Skip("node is not installed (CI installs it through .ci/run).");
            return;
        }

        Assert.True(version.ExitCode == 0, "node --version failed: " + version.Describe());
    }

    public static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        await InstallGate.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(Path.Combine(Directory, "node_modules", "@huggingface", "hub", "package.json")))
            {
                return;
            }

            var (npm, prefix) = OperatingSystem.IsWindows() ? ("cmd.exe", new[] { "/c", "npm" }) : ("npm", Array.Empty<string>());
            var result = await RunAsync(npm, [.. prefix, "ci", "--no-audit", "--no-fund", "--loglevel=error"], TimeSpan.FromMinutes(5), cancellationToken);
            Assert.True(result.ExitCode == 0, "npm ci failed: " + result.Describe());
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>Runs <c>node {script} {arguments}</c> in tests/interop; kills it when <paramref name="timeout"/> passes.</summary>
    public static async Task<NodeResult> RunScriptAsync(string script, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await EnsureInstalledAsync(cancellationToken);
        return await RunAsync("node", [script, .. arguments], timeout, cancellationToken);
    }

    private static async Task<NodeResult> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            return new NodeResult(-1, stdout.ToString(), $"timed out after {timeout}\n{stderr}");
        }

        // WaitForExitAsync returns once the redirected streams reach EOF, so the builders are complete.
        return new NodeResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }

    private static string FindInteropDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "interop");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/interop not found above " + AppContext.BaseDirectory);
    }
}
