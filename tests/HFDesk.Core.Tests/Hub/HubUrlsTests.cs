using HFDesk.Core.Hub;

namespace HFDesk.Core.Tests.Hub;

public sealed class HubUrlsTests
{
    private static readonly HubUrls Urls = new(new Uri("https://hub.example/"));
    private static readonly RepoId Repo = RepoId.Parse("acme/tiny");

    [Theory]
    [InlineData("main", "main")]
    [InlineData("refs/pr/1", "refs%2Fpr%2F1")]
    [InlineData("feature/long-context", "feature%2Flong-context")]
    [InlineData("v1.0", "v1.0")]
    public void Resolve_EncodesRevisionAsOneSegment(string revision, string encoded)
    {
        var url = Urls.Resolve(Repo, RepoType.Model, revision, "config.json");

        Assert.Equal($"https://hub.example/acme/tiny/resolve/{encoded}/config.json", url.AbsoluteUri);
    }

    [Fact]
    public void Resolve_DatasetFileInFolderWithSpace_EncodesPerSegmentWithPrefix()
    {
        var url = Urls.Resolve(Repo, RepoType.Dataset, "main", "data dir/train #1.parquet");

        Assert.Equal("https://hub.example/datasets/acme/tiny/resolve/main/data%20dir/train%20%231.parquet", url.AbsoluteUri);
    }

    [Fact]
    public void Tree_UsesPluralTypeAndRecursiveListing()
    {
        var url = Urls.Tree(Repo, RepoType.Dataset, "refs/pr/2");

        Assert.Equal("https://hub.example/api/datasets/acme/tiny/tree/refs%2Fpr%2F2?recursive=true&expand=false", url.AbsoluteUri);
    }
}
