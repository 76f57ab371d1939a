using HFDesk.Core.Downloads;
using HFDesk.Core.Settings;

namespace HFDesk.Core.Tests.Settings;

public sealed class SettingsValidatorTests
{
    private static readonly HfEnvironment Environment = HfEnvironment.Empty(OperatingSystem.IsWindows() ? @"C:\Users\me" : "/home/me");

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void TryApply_ConnectionsOutOfRange_RejectsWholeUpdate(int connections)
    {
        var update = new SettingsUpdate { Connections = connections, MaxActive = 2, Retries = 7 };

        var ok = SettingsValidator.TryApply(HfDeskSettings.Defaults, update, Environment, out var result, out var errors);

        Assert.False(ok);
        Assert.Contains("connections", errors.Keys);
        Assert.Contains("between 1 and 64", errors["connections"], StringComparison.Ordinal);
        Assert.Same(HfDeskSettings.Defaults, result);
        Assert.Equal(4, result.MaxActive);
    }

    [Fact]
    public void TryApply_SeveralInvalidFields_ReportsEachByName()
    {
        var update = new SettingsUpdate
        {
            MaxActive = 33,
            MaxConcurrentJobs = 9,
            Retries = 21,
            MultipartThreshold = "lots",
            MaxSpeed = "fast",
            Verify = "md5",
            StallTimeout = "soon",
            Endpoint = "ftp://example.org",
            LocalDir = "relative/dir",
            Proxy = new ProxySettingsUpdate { Url = "not a url" },
        };

        var ok = SettingsValidator.TryApply(HfDeskSettings.Defaults, update, Environment, out _, out var errors);

        Assert.False(ok);
        Assert.Equal(
            new[] { "endpoint", "localDir", "maxActive", "maxConcurrentJobs", "maxSpeed", "multipartThreshold", "proxy.url", "retries", "stallTimeout", "verify" },
            errors.Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void TryApply_ValidTextForms_AreKeptAndParsed()
    {
        var update = new SettingsUpdate
        {
            MultipartThreshold = "512KB",
            MaxSpeed = "10MB/s",
            StallTimeout = "2m",
            Verify = "SHA256",
            Endpoint = "http://127.0.0.1:5000/",
            Connections = 64,
            Retries = 0,
        };

        Assert.True(SettingsValidator.TryApply(HfDeskSettings.Defaults, update, Environment, out var s, out var errors), string.Join(";", errors.Values));

        Assert.Equal(512_000, s.MultipartThresholdBytes);
        Assert.Equal(10_000_000, s.MaxSpeedBytesPerSecond);
        Assert.Equal(TimeSpan.FromMinutes(2), s.StallTimeoutSpan);
        Assert.Equal(VerifyMode.Sha256, s.Verify);
        Assert.Equal("http://127.0.0.1:5000", s.Endpoint);
        Assert.Equal(64, s.Connections);
        Assert.Equal(0, s.Retries);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    public void TryApply_MaxSpeedEmptyOrZero_MeansUnlimited(string value)
    {
        var limited = HfDeskSettings.Defaults with { MaxSpeed = "5MB" };

        Assert.True(SettingsValidator.TryApply(limited, new SettingsUpdate { MaxSpeed = value }, Environment, out var s, out _));

        Assert.Equal("", s.MaxSpeed);
        Assert.Equal(0, s.MaxSpeedBytesPerSecond);
    }

    [Fact]
    public void TryApply_StallTimeoutZero_DisablesWatchdog()
    {
        Assert.True(SettingsValidator.TryApply(HfDeskSettings.Defaults, new SettingsUpdate { StallTimeout = "0" }, Environment, out var s, out _));

        Assert.Equal(TimeSpan.Zero, s.StallTimeoutSpan);
    }

    [Fact]
    public void TryApply_TokenRules_KeepSetAndClearAsApiSays()
    {
        var withToken = HfDeskSettings.Defaults with { Token = "hf_secretvalue1234" };

        SettingsValidator.TryApply(withToken, new SettingsUpdate { Token = null }, Environment, out var kept, out _);
        SettingsValidator.TryApply(withToken, new SettingsUpdate { Token = "********1234" }, Environment, out var keptMasked, out _);
        SettingsValidator.TryApply(withToken, new SettingsUpdate { Token = "********" }, Environment, out var keptBareMask, out _);
        SettingsValidator.TryApply(withToken, new SettingsUpdate { Token = "" }, Environment, out var cleared, out _);
        SettingsValidator.TryApply(withToken, new SettingsUpdate { Token = "hf_other" }, Environment, out var replaced, out _);

        Assert.Equal("hf_secretvalue1234", kept.Token);
        Assert.Equal("hf_secretvalue1234", keptMasked.Token);
        Assert.Equal("hf_secretvalue1234", keptBareMask.Token);
        Assert.Null(cleared.Token);
        Assert.Equal("hf_other", replaced.Token);
    }

    // Regression (issue 12 item 2): "hf_a\r\nX-Injected: 1" was saved and every Hub call then answered 500.
    [Theory]
    [InlineData("hf_a\r\nX-Injected: 1")]
    [InlineData("hf_a\nb")]
    [InlineData("hf_a\0b")]
    [InlineData("hf_a b")]
    [InlineData("hf_a\tb")]
    [InlineData("hf_\u00e9t\u00e9")]
    [InlineData("hf_\u202etoken")]
    [InlineData("   ")]
    public void TryApply_TokenWithControlSpaceOrNonAscii_IsRefusedAndNotEchoed(string token)
    {
        var withToken = HfDeskSettings.Defaults with { Token = "hf_secretvalue1234" };

        var ok = SettingsValidator.TryApply(withToken, new SettingsUpdate { Token = token }, Environment, out var result, out var errors);

        Assert.False(ok);
        Assert.Equal("hf_secretvalue1234", result.Token);
        Assert.Contains("token", errors.Keys);
        Assert.DoesNotContain(token.Trim() is { Length: > 0 } t ? t : "\u0001", errors["token"], StringComparison.Ordinal);
    }

    // Regression (issue 12 item 1): localDir "/" made DELETE /api/cache/etc/ssh remove /etc/ssh.
    [Theory]
    [InlineData("localDir", "/")]
    [InlineData("localDir", "/etc")]
    [InlineData("localDir", "/etc/ssh")]
    [InlineData("cacheDir", "/usr")]
    [InlineData("cacheDir", "/proc")]
    [InlineData("cacheDir", "/sys/kernel")]
    [InlineData("localDir", "/bin")]
    [InlineData("localDir", "~")]
    [InlineData("localDir", "/home/me/")]
    [InlineData("localScanDirs", "/")]
    [InlineData("localScanDirs", "~")]
    [InlineData("cacheDir", "relative/dir")]
    public void TryApply_RootSystemOrHomeFolder_IsRefused(string field, string value)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var update = field switch
        {
            "cacheDir" => new SettingsUpdate { CacheDir = value },
            "localDir" => new SettingsUpdate { LocalDir = value },
            _ => new SettingsUpdate { LocalScanDirs = [value] },
        };

        var ok = SettingsValidator.TryApply(HfDeskSettings.Defaults, update, Environment, out var result, out var errors);

        Assert.False(ok);
        Assert.Contains(field, errors.Keys);
        Assert.Same(HfDeskSettings.Defaults, result);
    }

    [Theory]
    [InlineData(@"C:\")]
    [InlineData(@"C:\Windows")]
    [InlineData(@"C:\Windows\System32")]
    [InlineData(@"C:\Users\me")]
    public void TryApply_WindowsRootSystemOrHomeFolder_IsRefused(string value)
    {
        if (!OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.False(SettingsValidator.TryApply(HfDeskSettings.Defaults, new SettingsUpdate { LocalDir = value }, Environment, out _, out var errors));
        Assert.Contains("localDir", errors.Keys);
    }

    [Theory]
    [InlineData("/home/me/models")]
    [InlineData("/var/lib/hfdesk")]
    [InlineData("/mnt/data/models")]
    [InlineData("/usr/local/share/models")]
    public void TryApply_OrdinaryFolders_AreAccepted(string value)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.True(SettingsValidator.TryApply(HfDeskSettings.Defaults, new SettingsUpdate { LocalDir = value, CacheDir = value }, Environment, out var s, out _));
        Assert.Equal(value, s.LocalDir);
    }

    [Fact]
    public void TryApply_ProxyWithoutPassword_KeepsStoredPassword()
    {
        var current = HfDeskSettings.Defaults with { Proxy = new ProxySettings { Url = "http://proxy:3128", Password = "s3cret" } };

        Assert.True(SettingsValidator.TryApply(current, new SettingsUpdate { Proxy = new ProxySettingsUpdate { Url = "http://other:8080" } }, Environment, out var s, out _));
        Assert.True(SettingsValidator.TryApply(s, new SettingsUpdate { Proxy = new ProxySettingsUpdate { Password = "" } }, Environment, out var cleared, out _));

        Assert.Equal("http://other:8080", s.Proxy.Url);
        Assert.Equal("s3cret", s.Proxy.Password);
        Assert.Equal("", cleared.Proxy.Password);
    }

    [Fact]
    public void TryApply_AllowRequestLocalDirChange_IsRefusedAsReadOnly()
    {
        var ok = SettingsValidator.TryApply(HfDeskSettings.Defaults, new SettingsUpdate { AllowRequestLocalDir = true }, Environment, out _, out var errors);
        var echo = SettingsValidator.TryApply(HfDeskSettings.Defaults, new SettingsUpdate { AllowRequestLocalDir = false }, Environment, out _, out _);

        Assert.False(ok);
        Assert.Contains("allowRequestLocalDir", errors.Keys);
        Assert.True(echo);
    }

    [Fact]
    public void TryApply_DirectoriesWithTilde_AreExpandedAndAbsolute()
    {
        var update = new SettingsUpdate { LocalDir = "~/models", LocalScanDirs = ["~/lm", "~/lm"] };

        Assert.True(SettingsValidator.TryApply(HfDeskSettings.Defaults, update, Environment, out var s, out _));

        Assert.Equal(Path.Combine(Environment.UserHome, "models"), s.LocalDir);
        Assert.Equal([Path.Combine(Environment.UserHome, "lm")], s.LocalScanDirs);
    }

    [Theory]
    [InlineData("hf_abcdefgh", "********efgh")]
    [InlineData("abcd", "********")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void TokenMask_Mask_ShowsOnlyLastFourOfLongTokens(string? token, string? expected)
    {
        Assert.Equal(expected, TokenMask.Mask(token));
    }
}
