using HFDesk.Core.Hub;

namespace HFDesk.Core.Tests.Hub;

public sealed class RepoIdTests
{
    [Theory]
    [InlineData("unsloth/Qwen3-8B-GGUF")]
    [InlineData("a/b")]
    [InlineData("bartowski/Llama-3.2-1B-Instruct-GGUF")]
    [InlineData("org_1/model.v2")]
    [InlineData("gpt2")]
    [InlineData("bert-base-uncased")]
    public void TryParse_ValidIds_Accepted(string value)
    {
        Assert.True(RepoId.TryParse(value, out var id, out _));
        Assert.Equal(value, id.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("/gpt2")]
    [InlineData("gpt2/")]
    [InlineData(".hidden")]
    [InlineData("a..b")]
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
    public void TryParse_OneSegment_IsARepoWithoutOwner()
    {
        Assert.True(RepoId.TryParse("gpt2", out var id, out _));

        Assert.False(id.HasOwner);
        Assert.Equal("", id.Owner);
        Assert.Equal("gpt2", id.Name);
        Assert.True(RepoId.TryParse("", "gpt2", out var fromParts, out _));
        Assert.Equal(id, fromParts);
        Assert.True(RepoId.TryParse("acme", "tiny", out var owned, out _));
        Assert.Equal("acme/tiny", owned.ToString());
    }

    [Fact]
    public void TryParse_NameLongerThan96_Rejected()
    {
        Assert.False(RepoId.TryParse("o/" + new string('x', 97), out _, out _));
        Assert.True(RepoId.TryParse("o/" + new string('x', 96), out _, out _));
    }
}
