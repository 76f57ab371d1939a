using HFDesk.Core.Hub;

namespace HFDesk.Core.Tests.Hub;

public sealed class RepoIdTests
{
    [Theory]
    [InlineData("unsloth/Qwen3-8B-GGUF")]
    [InlineData("a/b")]
    [InlineData("bartowski/Llama-3.2-1B-Instruct-GGUF")]
    [InlineData("org_1/model.v2")]
    public void TryParse_ValidIds_Accepted(string value)
    {
        Assert.True(RepoId.TryParse(value, out var id, out _));
        Assert.Equal(value, id.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("noslash")]
    [InlineData("a/b/c")]
    [InlineData("a--b/c")]
    [InlineData("a/b..c")]
    [InlineData("-a/b")]
    [InlineData("a/b.")]
    [InlineData("a/b c")]
    [InlineData("../etc")]
    [InlineData("a\\b/c")]
    public void TryParse_InvalidIds_RejectedWithReason(string value)
    {
        Assert.False(RepoId.TryParse(value, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void TryParse_NameLongerThan96_Rejected()
    {
        Assert.False(RepoId.TryParse("o/" + new string('x', 97), out _, out _));
        Assert.True(RepoId.TryParse("o/" + new string('x', 96), out _, out _));
    }
}
