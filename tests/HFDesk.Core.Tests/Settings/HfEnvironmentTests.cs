using HFDesk.Core.Settings;

namespace HFDesk.Core.Tests.Settings;

public sealed class HfEnvironmentTests
{
    private static readonly string Home = Path.Combine(Path.GetTempPath(), "hfdesk-home");

    private static HfEnvironment Env(params (string Name, string Value)[] variables) =>
        new(variables.ToDictionary(v => v.Name, v => v.Value), Home);

    [Theory]
    [InlineData("$BASE/hf", "/data/hf")]
    [InlineData("${BASE}/hf", "/data/hf")]
    [InlineData("$BASE${SUB}", "/data/x")]
    [InlineData("$UNKNOWN/hf", "$UNKNOWN/hf")]
    [InlineData("${UNKNOWN}/hf", "${UNKNOWN}/hf")]
    [InlineData("costs$5", "costs$5")]
    [InlineData("plain/path", "plain/path")]
    public void GetPath_DollarVariables_AreExpandedLikePythonExpandvars(string value, string expected)
    {
        var env = Env(("HF_HOME", value), ("BASE", "/data"), ("SUB", "/x"));

        Assert.Equal(expected, env.GetPath("HF_HOME"));
    }

    [Fact]
    public void GetPath_TildeThenVariable_BothExpanded()
    {
        var env = Env(("HF_HOME", "~/$NAME"), ("NAME", "hf"));

        Assert.Equal(Path.Combine(Home, "hf"), env.GetPath("HF_HOME"));
    }

    [Fact]
    public void HuggingFaceHome_Unset_FallsBackToXdgCacheThenUserHome()
    {
        Assert.Equal(Path.Combine(Home, ".cache", "huggingface"), Env().HuggingFaceHome);
        Assert.Equal(Path.Combine("/xdg", "huggingface"), Env(("XDG_CACHE_HOME", "/xdg")).HuggingFaceHome);
        Assert.Equal("/hfhome", Env(("HF_HOME", "/hfhome"), ("XDG_CACHE_HOME", "/xdg")).HuggingFaceHome);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("TRUE", true)]
    [InlineData("yes", true)]
    [InlineData("On", true)]
    [InlineData("0", false)]
    [InlineData("no", false)]
    [InlineData(" ", false)]
    public void IsTrue_ReadsFlagsLikeHuggingFaceHub(string value, bool expected)
    {
        Assert.Equal(expected, Env(("FLAG", value)).IsTrue("FLAG"));
    }
}
