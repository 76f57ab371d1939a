using System.Net;
using System.Net.Sockets;
using HFDesk.HubEmulator;

namespace HFDesk.Cli.Tests;

public sealed class ServeCommandTests
{
    [Fact(Timeout = 120_000)]
    public async Task Serve_AnswersHealthAndSearch_UntilCancelled()
    {
        await using var hub = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var port = FreePort();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = CliTestApp.Create().RunAsync(["serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--no-open", "--endpoint", hub.Endpoint.AbsoluteUri], stop.Token);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };

        var health = await PollUntilOkAsync(client, "/api/health", run);
        using var search = await client.GetAsync(new Uri("/api/search?q=Tiny-Llama", UriKind.Relative), TestContext.Current.CancellationToken);
        var searchBody = await search.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        var result = await run;

        Assert.Contains("\"status\":\"ok\"", health, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Contains(StandardFixtures.GgufRepo, searchBody, StringComparison.Ordinal);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"http://127.0.0.1:{port}", result.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Serve_PortInUse_SaysSoInOneLineWithoutAStackTrace()
    {
        var ct = TestContext.Current.CancellationToken;
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var dir = Directory.CreateTempSubdirectory("hfdesk-port-in-use-").FullName;
        try
        {
            var (exitCode, output, error) = await HfDeskProcess.RunAsync(
                new Dictionary<string, string>(), ct, "serve", "--port", port, "--no-open", "--data-dir", Path.Combine(dir, "data"), "--cache-dir", Path.Combine(dir, "cache"));

            var all = output + error;
            Assert.Equal(1, exitCode);
            Assert.Contains("already in use", all, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("--port", all, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", all, StringComparison.Ordinal);
            Assert.Single(all.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Serve_NonLoopbackWithoutAuth_ExitsTwo()
    {
        var result = CliTestApp.Create().Run(["serve", "--host", "0.0.0.0", "--port", "0", "--no-open"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--auth-user", result.Output, StringComparison.Ordinal);
    }

    private static async Task<string> PollUntilOkAsync(HttpClient client, string path, Task serverRun)
    {
        // Polling with a deadline, not a sleep: the server is up when it answers.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(serverRun.IsCompleted, "serve exited before answering");
            try
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"{path} did not answer within 60 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
