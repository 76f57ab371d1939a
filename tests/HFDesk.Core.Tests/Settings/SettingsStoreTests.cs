using HFDesk.Core.Downloads;
using HFDesk.Core.Settings;
using HFDesk.Core.Storage;

namespace HFDesk.Core.Tests.Settings;

public sealed class SettingsStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private HfEnvironment Env(params (string Name, string Value)[] variables) =>
        new(variables.ToDictionary(v => v.Name, v => v.Value), _temp.Combine("home"));

    private Task<SettingsStore> OpenAsync(HfEnvironment? env = null, SettingsOverrides? overrides = null) =>
        SettingsStore.OpenAsync(
            (overrides ?? SettingsOverrides.None) with { DataDir = (overrides?.DataDir) ?? _temp.Combine("data") },
            env ?? Env(),
            TestContext.Current.CancellationToken);

    [Fact]
    public async Task MaxSpeedOverride_BeatsTheSettingForThisStoreOnly_AndIsNeverSaved()
    {
        var saved = await OpenAsync();
        Assert.True((await saved.UpdateAsync(new SettingsUpdate { MaxSpeed = "20MB" }, TestContext.Current.CancellationToken)).Applied);

        var cli = await OpenAsync(overrides: new SettingsOverrides { MaxSpeed = "2MB" });
        Assert.Equal(2_000_000, cli.Current.MaxSpeedBytesPerSecond);
        Assert.True((await cli.UpdateAsync(new SettingsUpdate { Connections = 4 }, TestContext.Current.CancellationToken)).Applied);
        Assert.Equal(2_000_000, cli.Current.MaxSpeedBytesPerSecond);

        Assert.Equal(20_000_000, (await OpenAsync()).Current.MaxSpeedBytesPerSecond);
    }

    [Fact]
    public async Task UpdateAsync_ThenNewStoreOnSameDataDir_ReadsSameValues()
    {
        var store = await OpenAsync();
        var result = await store.UpdateAsync(
            new SettingsUpdate
            {
                Connections = 16,
                MaxSpeed = "20MB",
                Verify = "etag",
                Token = "hf_persistedtoken",
                LocalScanDirs = [_temp.Combine("scan")],
                Proxy = new ProxySettingsUpdate { Url = "http://proxy:3128", Password = "pw" },
            },
            TestContext.Current.CancellationToken);

        var reopened = await OpenAsync();

        Assert.True(result.Applied);
        Assert.True(result.Persisted);
        Assert.Equal("Settings saved", result.Message);
        Assert.Equal(16, reopened.Current.Connections);
        Assert.Equal("20MB", reopened.Current.MaxSpeed);
        Assert.Equal(VerifyMode.Etag, reopened.Current.Verify);
        Assert.Equal("hf_persistedtoken", reopened.Current.Token);
        Assert.Equal("pw", reopened.Current.Proxy.Password);
        Assert.Equal([_temp.Combine("scan")], reopened.Current.LocalScanDirs);
        Assert.Null(reopened.LoadWarning);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.ConfigFilePath));
        }

        Assert.Empty(Directory.GetFiles(store.DataDir, "*.tmp"));
    }

    [Fact]
    public async Task UpdateAsync_InvalidField_ChangesNothingAndKeepsRevision()
    {
        var store = await OpenAsync();

        var result = await store.UpdateAsync(new SettingsUpdate { Connections = 12, Retries = 99 }, TestContext.Current.CancellationToken);

        Assert.False(result.Applied);
        Assert.Contains("retries", result.Errors.Keys);
        Assert.Equal(8, store.Current.Connections);
        Assert.Equal(1, store.Revision);
        Assert.False(File.Exists(store.ConfigFilePath));
    }

    [Fact]
    public async Task UpdateAsync_DataDirCannotBeCreated_AppliesInMemoryAndSaysSo()
    {
        var blocker = _temp.Combine("blocker");
        await File.WriteAllTextAsync(blocker, "a file where the data dir's parent should be", TestContext.Current.CancellationToken);
        var store = await OpenAsync(overrides: new SettingsOverrides { DataDir = Path.Combine(blocker, "data") });

        var result = await store.UpdateAsync(new SettingsUpdate { MaxActive = 7 }, TestContext.Current.CancellationToken);

        Assert.True(result.Applied);
        Assert.False(result.Persisted);
        Assert.Equal("Settings updated (warning: could not persist to config file)", result.Message);
        Assert.Equal(7, store.Current.MaxActive);
    }

    [Fact]
    public async Task UpdateAsync_ConcurrentCallers_AllApplyAndFileMatchesMemory()
    {
        var store = await OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        var revisions = new List<long>();
        store.Changed += (_, e) =>
        {
            lock (revisions)
            {
                revisions.Add(e.Snapshot.Revision);
            }
        };

        // Each caller changes its own scan dir list entry and a shared counter field; serialized updates
        // mean no caller's change to one field is lost by another's write of a different field.
        var tasks = Enumerable.Range(1, 24).Select(i => Task.Run(
            () => i % 2 == 0
                ? store.UpdateAsync(new SettingsUpdate { Connections = i }, ct)
                : store.UpdateAsync(new SettingsUpdate { MaxActive = i }, ct),
            ct));
        var results = await Task.WhenAll(tasks);
        var reopened = await OpenAsync();

        Assert.All(results, r => Assert.True(r.Applied && r.Persisted));
        Assert.Equal(25, store.Revision);
        Assert.Equal(Enumerable.Range(2, 24).Select(i => (long)i), revisions.Order());
        Assert.Equal(store.Current.Connections, reopened.Current.Connections);
        Assert.Equal(store.Current.MaxActive, reopened.Current.MaxActive);
        Assert.True(store.Current.Connections % 2 == 0 && store.Current.Connections != 8);
        Assert.True(store.Current.MaxActive % 2 == 1);
    }

    [Fact]
    public async Task Open_EnvironmentBeatsConfigAndCommandLineBeatsEnvironment()
    {
        var store = await OpenAsync();
        await store.UpdateAsync(new SettingsUpdate { Token = "hf_fromconfig", Endpoint = "http://config.example" }, TestContext.Current.CancellationToken);

        var fromConfig = await OpenAsync();
        var fromEnv = await OpenAsync(Env(("HF_TOKEN", "hf_fromenv"), ("HF_ENDPOINT", "http://env.example/")));
        var fromCli = await OpenAsync(
            Env(("HF_TOKEN", "hf_fromenv"), ("HF_ENDPOINT", "http://env.example/")),
            new SettingsOverrides { Token = "hf_fromcli", Endpoint = "http://cli.example" });

        Assert.Equal(("hf_fromconfig", "http://config.example", SettingSource.ConfigFile), (fromConfig.Current.Token, fromConfig.Current.Endpoint, fromConfig.Snapshot.TokenSource));
        Assert.Equal(("hf_fromenv", "http://env.example", SettingSource.Environment), (fromEnv.Current.Token, fromEnv.Current.Endpoint, fromEnv.Snapshot.TokenSource));
        Assert.Equal(("hf_fromcli", "http://cli.example", SettingSource.CommandLine), (fromCli.Current.Token, fromCli.Current.Endpoint, fromCli.Snapshot.TokenSource));
        Assert.Equal("hf_fromconfig", fromCli.Snapshot.Configured.Token);
    }

    [Fact]
    public async Task Open_InvalidCommandLineEndpoint_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => OpenAsync(overrides: new SettingsOverrides { Endpoint = "not-a-url" }));
    }

    [Fact]
    public async Task Open_CorruptConfigFile_UsesDefaultsWithWarningAndKeepsCopy()
    {
        var data = _temp.Combine("data");
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(Path.Combine(data, "config.json"), "{ not json", TestContext.Current.CancellationToken);

        var store = await OpenAsync();

        Assert.NotNull(store.LoadWarning);
        Assert.Equal(8, store.Current.Connections);
        Assert.True(File.Exists(Path.Combine(data, "config.json.invalid")));
    }

    [Fact]
    public async Task Open_ConfigFileWithOutOfRangeValue_FallsBackForThatFieldOnly()
    {
        var data = _temp.Combine("data");
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(
            Path.Combine(data, "config.json"),
            """{ "connections": 500, "maxActive": 3, "verify": "sha256", "allowRequestLocalDir": true }""",
            TestContext.Current.CancellationToken);

        var store = await OpenAsync();

        Assert.Contains("connections", store.LoadWarning, StringComparison.Ordinal);
        Assert.Equal(8, store.Current.Connections);
        Assert.Equal(3, store.Current.MaxActive);
        Assert.Equal(VerifyMode.Sha256, store.Current.Verify);
        Assert.True(store.Roots.AllowRequestLocalDir);
    }

    [Fact]
    public async Task UpdateAsync_CacheDir_ChangesRootsOfNewSnapshotOnly()
    {
        var store = await OpenAsync();
        var before = store.Roots;
        var newRoot = _temp.Combine("newcache");

        await store.UpdateAsync(new SettingsUpdate { CacheDir = newRoot }, TestContext.Current.CancellationToken);

        Assert.Equal(Path.Combine(_temp.Combine("home"), ".cache", "huggingface"), before.CacheDir);
        Assert.Equal(newRoot, store.Roots.CacheDir);
        Assert.Equal(Path.Combine(newRoot, "hub"), store.Roots.HubDir);
        Assert.Equal(HubDirSource.CacheDir, store.Roots.HubDirSource);
        Assert.Equal(newRoot, store.Roots.ConfiguredCacheDir);
    }
}
