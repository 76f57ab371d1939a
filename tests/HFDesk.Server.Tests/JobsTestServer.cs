using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HFDesk.Core.Hub;
using HFDesk.Core.Settings;
using HFDesk.HubEmulator;
using Microsoft.Data.Sqlite;

namespace HFDesk.Server.Tests;

/// <summary>
/// An HFDesk server on a real port with its own temp cache and data dir, downloading from a Hub emulator.
/// <see cref="RestartAsync"/> stops the server and starts a new one on the same directories.
/// </summary>
internal sealed class JobsTestServer : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private readonly SettingsUpdate? _settings;
    private readonly bool _allowRequestLocalDir;

    private JobsTestServer(HubEmulatorHost emulator, string root, SettingsUpdate? settings, bool allowRequestLocalDir)
    {
        Emulator = emulator;
        Root = root;
        _settings = settings;
        _allowRequestLocalDir = allowRequestLocalDir;
    }

    public HubEmulatorHost Emulator { get; }

    public string Root { get; }

    public string CacheDir => Path.Combine(Root, "hf");

    public string HubDir => Path.Combine(CacheDir, "hub");

    public string DataDir => Path.Combine(Root, "data");

    public string LocalRoot => Path.Combine(Root, "local");

    public RunningServer Server { get; private set; } = null!;

    public SettingsStore Settings { get; private set; } = null!;

    public HttpClient Client => Server.Client;

    public static async Task<JobsTestServer> StartAsync(
        HubEmulatorHost emulator, SettingsUpdate? settings = null, bool allowRequestLocalDir = false)
    {
        var server = new JobsTestServer(emulator, Directory.CreateTempSubdirectory("hfdesk-jobs-server-").FullName, settings, allowRequestLocalDir);
        await server.StartServerAsync();
        return server;
    }

    /// <summary>A throttled large file, so a job stays running long enough to act on it.</summary>
    public static RepoFixture AddSlowRepo(HubEmulatorHost emulator, string id, long size = 3 * 1024 * 1024)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        return emulator.Repos.Add(StandardFixtures.LargeFile(id, size));
    }

    public async Task RestartAsync()
    {
        await Server.DisposeAsync();
        await StartServerAsync();
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body) =>
        Client.PostAsync(
            new Uri(path, UriKind.Relative),
            new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);

    public Task<HttpResponseMessage> PostAsync(string path) =>
        Client.PostAsync(new Uri(path, UriKind.Relative), null, TestContext.Current.CancellationToken);

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    /// <summary>POST /api/download expecting 202; returns the job id.</summary>
    public async Task<string> StartDownloadAsync(object body)
    {
        using var response = await PostJsonAsync("/api/download", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return job.GetProperty("id").GetString()!;
    }

    /// <summary>Polls GET /api/jobs/{id} until the condition holds (generous deadline: the machine is shared).</summary>
    public async Task<JsonElement> WaitForJobAsync(string id, Func<JsonElement, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        JsonElement job = default;
        while (DateTime.UtcNow < deadline)
        {
            job = await GetJsonAsync($"/api/jobs/{id}");
            if (condition(job))
            {
                return job;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"Job {id} never became {what}; last seen: {job}");
    }

    public Task<JsonElement> WaitForStatusAsync(string id, string status) =>
        WaitForJobAsync(id, j => j.GetProperty("status").GetString() == status, status);

    /// <summary>Every file of the tree under <paramref name="directory"/>, relative, with '/' separators.</summary>
    public static IReadOnlyList<string> FilesUnder(string directory) =>
        Directory.Exists(directory)
            ? [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)]
            : [];

    public string BlobPath(RepoFixture repo, FixtureFile file)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(file);
        return Path.Combine(HubDir, $"models--{repo.Owner}--{repo.Name}", "blobs", file.BlobName);
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A straggling handle on a loaded machine must not fail the test; the temp dir is disposable.
        }
    }

    private async Task StartServerAsync()
    {
        Directory.CreateDirectory(LocalRoot);
        var ct = TestContext.Current.CancellationToken;
        Settings = await SettingsStore.OpenAsync(
            new SettingsOverrides
            {
                CacheDir = CacheDir,
                DataDir = DataDir,
                Endpoint = Emulator.Endpoint.ToString(),
                LocalDir = _allowRequestLocalDir ? LocalRoot : null,
                AllowRequestLocalDir = _allowRequestLocalDir,
            },
            HfEnvironment.Empty(Path.Combine(Root, "home")),
            ct);
        if (_settings is not null)
        {
            var result = await Settings.UpdateAsync(_settings, ct);
            Assert.True(result.Applied, string.Join("; ", result.Errors.Select(e => e.ToString())));
        }

        var settings = Settings;
        Server = await RunningServer.StartAsync(new HfDeskServerOptions
        {
            Hub = new HubClientOptions { Endpoint = Emulator.Endpoint.ToString() },
            DataDir = DataDir,
            CacheDir = CacheDir,
            Settings = settings,
        });
    }
}
