using HFDesk.Core.Settings;
using HFDesk.Core.Storage;

namespace HFDesk.Core.Tests.Settings;

public sealed class StorageRootsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private HfEnvironment Env(params (string Name, string Value)[] variables) =>
        new(variables.ToDictionary(v => v.Name, v => v.Value), _temp.Combine("home"));

    [Fact]
    public void Resolve_NothingSet_UsesHomeCacheAsDefault()
    {
        var roots = StorageRoots.Resolve(HfDeskSettings.Defaults, SettingsOverrides.None, Env());

        Assert.Equal(_temp.Combine("home", ".cache", "huggingface"), roots.CacheDir);
        Assert.Equal(_temp.Combine("home", ".cache", "huggingface", "hub"), roots.HubDir);
        Assert.Equal("default", roots.HubDirSourceText);
    }

    [Fact]
    public void Resolve_HfHome_GivesRootAndHubBelowIt()
    {
        var roots = StorageRoots.Resolve(HfDeskSettings.Defaults, SettingsOverrides.None, Env(("HF_HOME", _temp.Combine("hfhome"))));

        Assert.Equal(_temp.Combine("hfhome"), roots.CacheDir);
        Assert.Equal(_temp.Combine("hfhome", "hub"), roots.HubDir);
        Assert.Equal("HF_HOME", roots.HubDirSourceText);
    }

    [Fact]
    public void Resolve_ConfigCacheDir_BeatsHfHome()
    {
        var configured = HfDeskSettings.Defaults with { CacheDir = _temp.Combine("configured") };

        var roots = StorageRoots.Resolve(configured, SettingsOverrides.None, Env(("HF_HOME", _temp.Combine("hfhome"))));

        Assert.Equal(_temp.Combine("configured"), roots.CacheDir);
        Assert.Equal("cacheDir", roots.HubDirSourceText);
    }

    [Fact]
    public void Resolve_CommandLineCacheDir_BeatsConfig()
    {
        var configured = HfDeskSettings.Defaults with { CacheDir = _temp.Combine("configured") };

        var roots = StorageRoots.Resolve(configured, new SettingsOverrides { CacheDir = _temp.Combine("cli") }, Env());

        Assert.Equal(_temp.Combine("cli"), roots.CacheDir);
        Assert.Equal(_temp.Combine("configured"), roots.ConfiguredCacheDir);
        Assert.Equal("cacheDir", roots.HubDirSourceText);
    }

    [Fact]
    public void Resolve_HfHubCache_SetsHubDirButNotRoot()
    {
        var configured = HfDeskSettings.Defaults with { CacheDir = _temp.Combine("configured") };

        var roots = StorageRoots.Resolve(configured, SettingsOverrides.None, Env(("HF_HUB_CACHE", _temp.Combine("elsewhere", "hub-cache"))));

        Assert.Equal(_temp.Combine("configured"), roots.CacheDir);
        Assert.Equal(_temp.Combine("elsewhere", "hub-cache"), roots.HubDir);
        Assert.Equal("HF_HUB_CACHE", roots.HubDirSourceText);
    }

    [Fact]
    public void DataDirectory_Resolve_CommandLineThenEnvironmentThenPlatformDefault()
    {
        var env = Env(("HFDESK_DATA_DIR", _temp.Combine("envdata")), ("XDG_CONFIG_HOME", _temp.Combine("xdg")));

        Assert.Equal(_temp.Combine("cli"), DataDirectory.Resolve(_temp.Combine("cli"), env));
        Assert.Equal(_temp.Combine("envdata"), DataDirectory.Resolve(null, env));
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(_temp.Combine("xdg", "hfdesk"), DataDirectory.Resolve(null, Env(("XDG_CONFIG_HOME", _temp.Combine("xdg")))));
            Assert.Equal(_temp.Combine("home", ".config", "hfdesk"), DataDirectory.Resolve(null, Env()));
        }
    }

    [Fact]
    public void Contains_PathsInsideAndOutsideRoots_JudgedOnRealPaths()
    {
        var cache = _temp.Combine("cache");
        var outside = _temp.Combine("outside");
        Directory.CreateDirectory(Path.Combine(cache, "hub", "models--a--b"));
        Directory.CreateDirectory(outside);
        File.CreateSymbolicLink(Path.Combine(cache, "escape"), outside);
        var roots = StorageRoots.Resolve(HfDeskSettings.Defaults with { CacheDir = cache }, SettingsOverrides.None, Env());

        Assert.True(roots.Contains(cache));
        Assert.True(roots.Contains(Path.Combine(cache, "hub", "models--a--b")));
        Assert.True(roots.Contains(Path.Combine(cache, "not-yet", "created")));
        Assert.False(roots.Contains(Path.Combine(cache, "..", "outside")));
        Assert.False(roots.Contains(Path.Combine(cache, "escape")));
        Assert.False(roots.Contains(Path.Combine(cache, "escape", "file")));
        Assert.False(roots.Contains(_temp.Combine("cache-sibling")));
        Assert.False(roots.Contains(outside));
        Assert.True(roots.Contains(outside, [outside]));
    }

    [Fact]
    public void ResolveRequestLocalDir_RefusedUnlessAllowedAndInsideLocalRoots()
    {
        var local = _temp.Combine("lmstudio");
        Directory.CreateDirectory(local);
        var configured = HfDeskSettings.Defaults with { CacheDir = _temp.Combine("cache"), LocalDir = local };
        var closed = StorageRoots.Resolve(configured, SettingsOverrides.None, Env());
        var open = StorageRoots.Resolve(configured, new SettingsOverrides { AllowRequestLocalDir = true }, Env());

        Assert.Null(closed.ResolveRequestLocalDir(Path.Combine(local, "sub"), out var closedError));
        Assert.Contains("--allow-request-local-dir", closedError, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(local, "sub"), open.ResolveRequestLocalDir(Path.Combine(local, "sub"), out _));
        Assert.Null(open.ResolveRequestLocalDir(Path.Combine(local, "..", "cache"), out _));
        Assert.Null(open.ResolveRequestLocalDir("relative", out _));
    }
}
