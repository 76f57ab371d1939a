using HFDesk.Core.Storage;

namespace HFDesk.Core.Tests.Storage;

public sealed class PathConfinementTests
{
    [Theory]
    [InlineData("../x")]
    [InlineData("/etc/x")]
    [InlineData("C:\\x")]
    [InlineData("C:x")]
    [InlineData("a\\..\\..\\x")]
    [InlineData("a/../../x")]
    [InlineData("a/./b")]
    [InlineData("a//b")]
    [InlineData("a/")]
    [InlineData("")]
    [InlineData("\\\\server\\share\\x")]
    [InlineData("//server/share/x")]
    [InlineData("a/b\0c")]
    [InlineData("a/\u0001b")]
    [InlineData("..")]
    [InlineData("file.txt:stream")]
    public void TryResolve_EscapingPaths_RejectedOnEveryPlatform(string repoPath)
    {
        using var root = new TempDirectory();

        Assert.False(PathConfinement.TryResolve(root.Path, repoPath, windowsRules: false, out _, out var error));
        Assert.NotEmpty(error);
        Assert.False(PathConfinement.TryResolve(root.Path, repoPath, windowsRules: true, out _, out _));
        Assert.Throws<UnsafePathException>(() => PathConfinement.Resolve(root.Path, repoPath, windowsRules: false));
    }

    [Theory]
    [InlineData("CON")]
    [InlineData("sub/aux.py")]
    [InlineData("nul.txt")]
    [InlineData("com1")]
    [InlineData("a./b")]
    [InlineData("dir /x")]
    [InlineData("what?.txt")]
    public void TryResolve_NamesThatAliasOnWindows_RejectedOnlyUnderWindowsRules(string repoPath)
    {
        using var root = new TempDirectory();

        Assert.False(PathConfinement.TryResolve(root.Path, repoPath, windowsRules: true, out _, out _));
        Assert.True(PathConfinement.TryResolve(root.Path, repoPath, windowsRules: false, out var full, out _));
        Assert.StartsWith(root.Path + Path.DirectorySeparatorChar, full, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("config.json", new[] { "config.json" })]
    [InlineData("sub/dir/x.txt", new[] { "sub", "dir", "x.txt" })]
    [InlineData(".gitattributes", new[] { ".gitattributes" })]
    [InlineData("a..b/c...d.gguf", new[] { "a..b", "c...d.gguf" })]
    [InlineData("with space/ünïcode.md", new[] { "with space", "ünïcode.md" })]
    public void TryResolve_OrdinaryRepoPaths_MapBelowRoot(string repoPath, string[] parts)
    {
        using var root = new TempDirectory();

        Assert.True(PathConfinement.TryResolve(root.Path, repoPath, windowsRules: true, out var full, out _));
        Assert.Equal(Path.Combine([root.Path, .. parts]), full);
    }

    [Fact]
    public void IsInside_SiblingWithSamePrefix_IsOutside()
    {
        var root = Path.Combine(Path.GetTempPath(), "root");

        Assert.False(PathConfinement.IsInside(root, root + "-evil" + Path.DirectorySeparatorChar + "x"));
        Assert.True(PathConfinement.IsInside(root, Path.Combine(root, "x")));
    }
}
