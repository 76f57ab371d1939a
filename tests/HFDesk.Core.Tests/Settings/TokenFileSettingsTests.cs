using System.Collections.Concurrent;
using HFDesk.Core.Settings;

namespace HFDesk.Core.Tests.Settings;

/// <summary>The Hugging Face token file (<c>hf auth login</c>) as the token's last source, read through the settings store.</summary>
public sealed class TokenFileSettingsTests : IDisposable
{
    private const string FileToken = "hf_fromthetokenfile";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Home => _temp.Combine("home");

    private string HfHome => _temp.Combine("hf-home");

    private HfEnvironment Env(params (string Name, string Value)[] variables) =>
        new(variables.ToDictionary(v => v.Name, v => v.Value), Home);

    private HfEnvironment HfHomeEnv(params (string Name, string Value)[] more) => Env([("HF_HOME", HfHome), .. more]);

    private Task<SettingsStore> OpenAsync(HfEnvironment env, SettingsOverrides? overrides = null) =>
        SettingsStore.OpenAsync(
            (overrides ?? SettingsOverrides.None) with { DataDir = _temp.Combine("data") },
            env,
            TestContext.Current.CancellationToken);

    private static string WriteToken(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private string WriteHfHomeToken(string content) => WriteToken(Path.Combine(HfHome, "token"), content);

    [Fact]
    public async Task Open_TokenFileInHfHome_IsUsedAndReportedWithItsPath()
    {
        var path = WriteHfHomeToken(FileToken + "\n");

        var store = await OpenAsync(HfHomeEnv());

        Assert.Equal(FileToken, store.Current.Token);
        Assert.Equal(SettingSource.TokenFile, store.Snapshot.TokenSource);
        Assert.Equal(path, store.Snapshot.TokenFile);
        Assert.Null(store.Snapshot.Configured.Token);
        Assert.Equal(FileToken, new SettingsHubClientOptionsProvider(store).Current.Token);
    }

    [Theory]
    [InlineData(false, false, false, nameof(SettingSource.TokenFile), FileToken)]
    [InlineData(true, false, false, nameof(SettingSource.ConfigFile), "hf_fromconfig")]
    [InlineData(true, true, false, nameof(SettingSource.Environment), "hf_fromenv")]
    [InlineData(true, true, true, nameof(SettingSource.CommandLine), "hf_fromcli")]
    [InlineData(false, false, true, nameof(SettingSource.CommandLine), "hf_fromcli")]
    [InlineData(false, true, false, nameof(SettingSource.Environment), "hf_fromenv")]
    public async Task Open_AllFourSources_CommandLineBeatsEnvironmentBeatsConfigBeatsTokenFile(
        bool config, bool environment, bool commandLine, string expectedSourceName, string expectedToken)
    {
        var expectedSource = Enum.Parse<SettingSource>(expectedSourceName);
        WriteHfHomeToken(FileToken);
        if (config)
        {
            var writer = await OpenAsync(HfHomeEnv());
            await writer.UpdateAsync(new SettingsUpdate { Token = "hf_fromconfig" }, TestContext.Current.CancellationToken);
        }

        var env = environment ? HfHomeEnv(("HF_TOKEN", "hf_fromenv")) : HfHomeEnv();
        var overrides = commandLine ? new SettingsOverrides { Token = "hf_fromcli" } : null;

        var store = await OpenAsync(env, overrides);

        Assert.Equal((expectedToken, expectedSource), (store.Current.Token, store.Snapshot.TokenSource));
        Assert.Equal(expectedSource == SettingSource.TokenFile, store.Snapshot.TokenFile is not null);
    }

    [Fact]
    public async Task Open_NoHfHome_ReadsTheDefaultUnderTheUserHome()
    {
        var path = WriteToken(Path.Combine(Home, ".cache", "huggingface", "token"), FileToken);

        var store = await OpenAsync(Env());

        Assert.Equal((FileToken, path), (store.Current.Token, store.Snapshot.TokenFile));
    }

    [Fact]
    public async Task Open_XdgCacheHomeSet_ReadsTokenUnderIt()
    {
        var xdg = _temp.Combine("xdg-cache");
        var path = WriteToken(Path.Combine(xdg, "huggingface", "token"), FileToken);
        WriteToken(Path.Combine(Home, ".cache", "huggingface", "token"), "hf_notthisone");

        var store = await OpenAsync(Env(("XDG_CACHE_HOME", xdg)));

        Assert.Equal((FileToken, path), (store.Current.Token, store.Snapshot.TokenFile));
    }

    [Fact]
    public async Task Open_HfTokenPathSet_WinsOverHfHomeToken()
    {
        WriteHfHomeToken("hf_notthisone");
        var path = WriteToken(_temp.Combine("elsewhere", "my token"), FileToken);

        var store = await OpenAsync(HfHomeEnv(("HF_TOKEN_PATH", path)));

        Assert.Equal((FileToken, path), (store.Current.Token, store.Snapshot.TokenFile));
    }

    [Fact]
    public async Task Open_HfTokenPathWithTildeAndVariable_IsExpanded()
    {
        var path = WriteToken(Path.Combine(Home, "tokens", "sub", "token"), FileToken);

        var store = await OpenAsync(Env(("HF_TOKEN_PATH", "~/tokens/${SUBDIR}/token"), ("SUBDIR", "sub")));

        Assert.Equal((FileToken, path), (store.Current.Token, store.Snapshot.TokenFile));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData("YES")]
    [InlineData("on")]
    public async Task Open_ImplicitTokenDisabled_IgnoresTheFile(string flag)
    {
        WriteHfHomeToken(FileToken);

        var store = await OpenAsync(HfHomeEnv(("HF_HUB_DISABLE_IMPLICIT_TOKEN", flag)));

        Assert.Null(store.Current.Token);
        Assert.Equal(SettingSource.Default, store.Snapshot.TokenSource);
        Assert.Null(store.Snapshot.TokenFile);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("false")]
    [InlineData("")]
    public async Task Open_ImplicitTokenFlagNotTrue_StillReadsTheFile(string flag)
    {
        WriteHfHomeToken(FileToken);

        var store = await OpenAsync(HfHomeEnv(("HF_HUB_DISABLE_IMPLICIT_TOKEN", flag)));

        Assert.Equal(FileToken, store.Current.Token);
    }

    [Theory]
    [InlineData(FileToken + "\n")]
    [InlineData(FileToken + "\r\n")]
    [InlineData("  " + FileToken + " \t\n\n")]
    [InlineData("\uFEFF" + FileToken + "\n")]
    public async Task Open_TokenWithSurroundingWhitespace_IsTrimmed(string content)
    {
        WriteHfHomeToken(content);

        var store = await OpenAsync(HfHomeEnv());

        Assert.Equal(FileToken, store.Current.Token);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\r\n")]
    public async Task Open_EmptyTokenFile_MeansNoToken(string content)
    {
        WriteHfHomeToken(content);

        var store = await OpenAsync(HfHomeEnv());

        Assert.Null(store.Current.Token);
        Assert.Equal(SettingSource.Default, store.Snapshot.TokenSource);
    }

    [Fact]
    public async Task Open_NoTokenFile_MeansNoToken()
    {
        var store = await OpenAsync(HfHomeEnv());

        Assert.Null(store.Current.Token);
        Assert.Equal(SettingSource.Default, store.Snapshot.TokenSource);
        Assert.Null(store.TokenFileWarning);
    }

    [Fact]
    public async Task Open_TokenPathIsADirectory_MeansNoTokenWithoutFailing()
    {
        Directory.CreateDirectory(Path.Combine(HfHome, "token"));

        var store = await OpenAsync(HfHomeEnv());

        Assert.Null(store.Current.Token);
        Assert.Equal(SettingSource.Default, store.Snapshot.TokenSource);
    }

    [Fact]
    public async Task Open_TokenFileIsADanglingLink_MeansNoTokenWithoutFailing()
    {
        Directory.CreateDirectory(HfHome);
        try
        {
            File.CreateSymbolicLink(Path.Combine(HfHome, "token"), _temp.Combine("gone", "token"));
        }
        catch (Exception ex) when (OperatingSystem.IsWindows() && ex is IOException or UnauthorizedAccessException)
        {
            Assert.Skip("No symlink privilege on this Windows account");
        }

        var store = await OpenAsync(HfHomeEnv());

        Assert.Null(store.Current.Token);
        Assert.Equal(SettingSource.Default, store.Snapshot.TokenSource);
    }

    [Fact]
    public async Task Open_HugeTokenFile_IsIgnoredWithAWarning()
    {
        WriteHfHomeToken(new string('x', 100_000));

        var store = await OpenAsync(HfHomeEnv());

        Assert.Null(store.Current.Token);
        Assert.Contains("too large", store.TokenFileWarning, StringComparison.Ordinal);
    }

    // Regression (issue 12 item 2): a token with a control character broke every Hub request's header.
    [Theory]
    [InlineData("hf_a\0b")]
    [InlineData("hf_a b")]
    [InlineData("hf_\u00e9t\u00e9")]
    public async Task Open_TokenFileWithBadCharacters_IsIgnoredWithAWarning(string content)
    {
        WriteHfHomeToken(content);

        var store = await OpenAsync(HfHomeEnv());

        Assert.Null(store.Current.Token);
        Assert.Equal(SettingSource.Default, store.Snapshot.TokenSource);
        Assert.Contains("printable ASCII", store.TokenFileWarning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hf_a\r\nX-Injected: 1")]
    [InlineData("hf_a\0b")]
    [InlineData("hf_\u00e9")]
    public async Task Open_CommandLineOrEnvironmentTokenWithBadCharacters_IsAUsageError(string token)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => OpenAsync(Env(), SettingsOverrides.None with { Token = token }));
        await Assert.ThrowsAsync<ArgumentException>(() => OpenAsync(Env(("HF_TOKEN", token))));
    }

    [Fact]
    public async Task Open_ConfigFileTokenWithLineBreak_FallsBackToNoTokenWithAWarning()
    {
        var data = Directory.CreateDirectory(_temp.Combine("data")).FullName;
        await File.WriteAllTextAsync(
            Path.Combine(data, "config.json"), """{ "token": "hf_a\r\nX-Injected: 1", "maxActive": 3 }""", TestContext.Current.CancellationToken);

        var store = await OpenAsync(Env());

        Assert.Null(store.Current.Token);
        Assert.Equal(3, store.Current.MaxActive);
        Assert.Contains("token", store.LoadWarning, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Injected", store.LoadWarning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_UnreadableTokenFile_MeansNoTokenWithAWarning()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes make the file unreadable here");
        }

        var path = WriteHfHomeToken(FileToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.None);
        }

        if (CanRead(path))
        {
            Assert.Skip("Running as a user who reads any file (root): the file cannot be made unreadable");
        }

        var store = await OpenAsync(HfHomeEnv());

        Assert.Null(store.Current.Token);
        Assert.Contains(path, store.TokenFileWarning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshTokenFile_TokenFileWrittenChangedAndDeletedWhileRunning_EachIsPickedUp()
    {
        var store = await OpenAsync(HfHomeEnv());
        var hub = new SettingsHubClientOptionsProvider(store);
        var changes = new List<SettingsSnapshot>();
        store.Changed += (_, e) => changes.Add(e.Snapshot);
        Assert.Null(hub.Current.Token);

        // A login while HFDesk runs...
        WriteHfHomeToken(FileToken + "\n");
        store.RefreshTokenFile();
        Assert.Equal(FileToken, hub.Current.Token);
        Assert.Equal(SettingSource.TokenFile, store.Snapshot.TokenSource);
        Assert.Equal(2, store.Revision);

        // ...a login as another user (another length, so the change shows even on a coarse-mtime file system)...
        WriteHfHomeToken("hf_anotheraccounttoken\n");
        store.RefreshTokenFile();
        Assert.Equal("hf_anotheraccounttoken", hub.Current.Token);
        Assert.Equal(3, store.Revision);

        // ...and a logout.
        File.Delete(Path.Combine(HfHome, "token"));
        store.RefreshTokenFile();
        Assert.Null(hub.Current.Token);
        Assert.Equal(SettingSource.Default, store.Snapshot.TokenSource);
        Assert.Equal(4, store.Revision);

        Assert.Equal([2L, 3L, 4L], changes.Select(c => c.Revision));
        Assert.Equal([FileToken, "hf_anotheraccounttoken", null], changes.Select(c => c.Effective.Token));
    }

    [Fact]
    public async Task Snapshot_TokenFileWrittenWhileRunning_ReadingNeitherLooksAtItNorRaisesChanged()
    {
        var store = await OpenAsync(HfHomeEnv());
        var changes = 0;
        store.Changed += (_, _) => changes++;

        WriteHfHomeToken(FileToken + "\n");

        // Reads are pure: the login shows only once someone asks for a refresh.
        Assert.Null(store.Snapshot.Effective.Token);
        Assert.Null(new SettingsHubClientOptionsProvider(store).Current.Token);
        Assert.Equal((1L, 0), (store.Revision, changes));
        Assert.Equal(FileToken, store.RefreshTokenFile().Effective.Token);
        Assert.Equal((2L, 1), (store.Revision, changes));
    }

    [Fact]
    public async Task RefreshTokenFile_TokenFileChangingDuringConcurrentUpdates_LosesNoRevisionAndEndsOnTheLastToken()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = await OpenAsync(HfHomeEnv());
        var revisions = new ConcurrentBag<long>();
        store.Changed += (_, e) => revisions.Add(e.Snapshot.Revision);

        var updates = Enumerable.Range(1, 20).Select(i => Task.Run(() => store.UpdateAsync(new SettingsUpdate { Connections = i }, ct), ct)).ToList();
        var readers = Enumerable.Range(0, 4).Select(reader => Task.Run(
            () =>
            {
                for (var k = 0; k < 200; k++)
                {
                    store.RefreshTokenFile();
                }
            },
            ct)).ToList();
        for (var i = 0; i < 5; i++)
        {
            WriteHfHomeToken("hf_" + new string('t', 10 + i));
            store.RefreshTokenFile();
        }

        await Task.WhenAll(updates);
        await Task.WhenAll(readers);
        var final = store.RefreshTokenFile();

        Assert.Equal("hf_" + new string('t', 14), final.Effective.Token);
        Assert.Equal(SettingSource.TokenFile, final.TokenSource);
        Assert.Equal(revisions.Count + 1, final.Revision);
        Assert.Equal(Enumerable.Range(2, revisions.Count).Select(i => (long)i), revisions.Order());
        Assert.True(revisions.Count >= 25, $"20 updates and 5 token changes, got {revisions.Count} revisions");
    }

    [Fact]
    public async Task RefreshTokenFile_TokenFileRewrittenWithSameTokenOrShadowed_KeepsRevision()
    {
        var path = WriteHfHomeToken(FileToken);
        var store = await OpenAsync(HfHomeEnv());
        await store.UpdateAsync(new SettingsUpdate { Token = "hf_fromconfig" }, TestContext.Current.CancellationToken);
        var changes = 0;
        store.Changed += (_, _) => changes++;

        File.WriteAllText(path, FileToken + "\n\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        store.RefreshTokenFile();
        File.WriteAllText(path, "hf_shadowedbyconfig");
        store.RefreshTokenFile();

        Assert.Equal(("hf_fromconfig", SettingSource.ConfigFile), (store.Current.Token, store.Snapshot.TokenSource));
        Assert.Equal(2, store.Revision);
        Assert.Equal(0, changes);
    }

    [Fact]
    public async Task UpdateAsync_ClearTokenWhileTokenFileHasOne_FallsBackAndSaysTheFileStillApplies()
    {
        var path = WriteHfHomeToken(FileToken);
        var store = await OpenAsync(HfHomeEnv());
        await store.UpdateAsync(new SettingsUpdate { Token = "hf_fromconfig" }, TestContext.Current.CancellationToken);

        var result = await store.UpdateAsync(new SettingsUpdate { Token = "" }, TestContext.Current.CancellationToken);

        Assert.True(result.Applied);
        Assert.StartsWith("Settings saved", result.Message, StringComparison.Ordinal);
        Assert.Contains(path, result.Message, StringComparison.Ordinal);
        Assert.Contains("still applies", result.Message, StringComparison.Ordinal);
        Assert.Null(result.Snapshot.Configured.Token);
        Assert.Equal((FileToken, SettingSource.TokenFile), (result.Snapshot.Effective.Token, result.Snapshot.TokenSource));
    }

    [Fact]
    public async Task UpdateAsync_ClearTokenWithoutTokenFile_KeepsThePlainMessage()
    {
        var store = await OpenAsync(HfHomeEnv());
        await store.UpdateAsync(new SettingsUpdate { Token = "hf_fromconfig" }, TestContext.Current.CancellationToken);

        var result = await store.UpdateAsync(new SettingsUpdate { Token = "" }, TestContext.Current.CancellationToken);

        Assert.Equal("Settings saved", result.Message);
        Assert.Null(result.Snapshot.Effective.Token);
    }

    private static bool CanRead(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
