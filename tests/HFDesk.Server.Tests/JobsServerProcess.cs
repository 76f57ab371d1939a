using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HFDesk.Server.Tests;

/// <summary><c>hfdesk serve</c> as a real child process (<c>dotnet hfdesk.dll serve …</c>) that a test can kill.</summary>
internal sealed class JobsServerProcess : IDisposable
{
    private readonly Process _process;

    private JobsServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static async Task<JobsServerProcess> StartAsync(string dataDir, string cacheDir, Uri? endpoint, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            CliDll(), "serve", "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--no-open", "--data-dir", dataDir, "--cache-dir", cacheDir,
        })
        {
            start.ArgumentList.Add(argument);
        }

        if (endpoint is not null)
        {
            start.ArgumentList.Add("--endpoint");
            start.ArgumentList.Add(endpoint.ToString());
        }

        // The child must see only what the test gives it, never the developer's HF cache or token.
        start.Environment.Remove("HF_HOME");
        start.Environment.Remove("HF_HUB_CACHE");
        start.Environment.Remove("HF_TOKEN");
        start.Environment.Remove("HFDESK_DATA_DIR");
        start.Environment.Remove("HF_ENDPOINT");
        start.Environment.Remove("HF_HUB_DISABLE_IMPLICIT_TOKEN");
        // Nor the developer's `hf auth login` token: point the token file somewhere that does not exist.
        start.Environment["HF_TOKEN_PATH"] = Path.Combine(dataDir, "no-hf-token");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start hfdesk serve");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new JobsServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        await server.WaitUntilHealthyAsync();
        return server;
    }

    /// <summary>SIGKILL: no graceful shutdown, no final state written. What a crash or a power cut looks like.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(30_000);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        Client.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"hfdesk serve exited with code {(_process.HasExited ? _process.ExitCode : 0)}");
            try
            {
                using var response = await Client.GetAsync(new Uri("/api/health", UriKind.Relative), TestContext.Current.CancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("hfdesk serve did not answer /api/health within 90 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string CliDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HFDesk.slnx")))
            {
                var dll = Path.Combine(dir.FullName, "src", "HFDesk.Cli", "bin", configuration, "net10.0", "hfdesk.dll");
                Assert.True(File.Exists(dll), $"hfdesk is built with the tests (ProjectReference); missing {dll}");
                return dll;
            }
        }

        throw new InvalidOperationException("HFDesk.slnx not found above " + AppContext.BaseDirectory);
    }
}
