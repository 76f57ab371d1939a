using HFDesk.Core.Hub;

namespace HFDesk.Core.Tests.Hub;

public sealed class HubRepoReferenceTests
{
    [Theory]
    [InlineData("https://huggingface.co/owner/name/tree/main", "owner/name", nameof(RepoType.Model))]
    [InlineData("https://huggingface.co/owner/name", "owner/name", nameof(RepoType.Model))]
    [InlineData("https://huggingface.co/datasets/owner/name", "owner/name", nameof(RepoType.Dataset))]
    [InlineData("https://huggingface.co/datasets/owner/name/blob/main/data/x.parquet", "owner/name", nameof(RepoType.Dataset))]
    [InlineData("huggingface.co/owner/name.v2", "owner/name.v2", nameof(RepoType.Model))]
    [InlineData("https://hf-mirror.com/models/owner/name", "owner/name", nameof(RepoType.Model))]
    [InlineData("datasets/owner/name", "owner/name", nameof(RepoType.Dataset))]
    [InlineData("datasets/squad", "squad", nameof(RepoType.Dataset))]
    [InlineData("models/gpt2", "gpt2", nameof(RepoType.Model))]
    [InlineData("https://huggingface.co/gpt2", "gpt2", nameof(RepoType.Model))]
    [InlineData("https://huggingface.co/gpt2/tree/main", "gpt2", nameof(RepoType.Model))]
    [InlineData("https://huggingface.co/datasets/squad/blob/main/README.md", "squad", nameof(RepoType.Dataset))]
    public void Parse_UrlOrPrefixedId_NamesRepoAndType(string text, string repo, string typeName)
    {
        var type = Enum.Parse<RepoType>(typeName);
        var reference = HubRepoReference.Parse(text);

        Assert.NotNull(reference);
        Assert.Equal(repo, reference.Repo.ToString());
        Assert.Equal(type, reference.Type);
    }

    [Fact]
    public void Parse_PlainOwnerName_LeavesTypeOpen()
    {
        var reference = HubRepoReference.Parse(" Qwen/Qwen3-8B-GGUF ");

        Assert.NotNull(reference);
        Assert.Equal("Qwen/Qwen3-8B-GGUF", reference.Repo.ToString());
        Assert.Null(reference.Type);
        Assert.False(reference.FromUrl);
    }

    [Theory]
    [InlineData("qwen gguf")]
    [InlineData("llama")]
    [InlineData("gpt2")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("a/b/c")]
    public void Parse_SearchText_IsNull(string? text) => Assert.Null(HubRepoReference.Parse(text));

    [Theory]
    [InlineData("https://huggingface.co/spaces/owner/app")]
    [InlineData("https://huggingface.co/")]
    [InlineData("https://huggingface.co/..")]
    [InlineData("https://huggingface.co/owner/bad--name")]
    public void Parse_UrlNamingNoRepo_Throws(string text) => Assert.Throws<FormatException>(() => HubRepoReference.Parse(text));
}
