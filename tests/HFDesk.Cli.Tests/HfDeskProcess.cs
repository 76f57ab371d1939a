using System.Diagnostics;

namespace HFDesk.Cli.Tests;

/// <summary>
/// <c>hfdesk</c> run as a real child process (<c>dotnet hfdesk.dll …</c>) with an environment the test controls
/// entirely: what it reads from the process environment and the user's files is then what the test gave it.
/// </summary>
internal static class HfDeskProcess
{
    // Everything HFDesk or the HF tools read that could leak the developer's own cache, config or token in.
    private static readonly string[] IsolatedVariables =
    [
        "HF_HOME", "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "HF_TOKEN", "HF_TOKEN_PATH", "HF_HUB_DISABLE_IMPLICIT_TOKEN",
        "HF_ENDPOINT", "HFDESK_DATA_DIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME",
    ];

    /// <summary>Everything but the environment the test adds: stdout and stderr redirected, no inherited HF variables.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(CliDll());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in IsolatedVariables)
        {
            start.Environment.Remove(name);
        }

        return start;
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = StartInfo(arguments);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start hfdesk");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }

    private static string CliDll()
    {
        // The test project references HFDesk.Cli, so its hfdesk.dll (with runtimeconfig) sits next to the tests.
        var dll = Path.Combine(AppContext.BaseDirectory, "hfdesk.dll");
        Assert.True(File.Exists(dll), $"hfdesk is built with the tests (ProjectReference); missing {dll}");
        return dll;
    }
}
