using HFDesk.Core.Planning;

namespace HFDesk.Core.Tests.Planning;

public sealed class FilterSpecTests
{
    [Fact]
    public void Constructor_MessyLists_NormalizedAndDeduplicated()
    {
        var spec = new FilterSpec([" q4_k_m ", "", null, "Q4_K_M", "sub\\dir"], ["  "]);

        Assert.Equal(["q4_k_m", "sub/dir"], spec.Filters);
        Assert.Empty(spec.Excludes);
        Assert.True(new FilterSpec().SelectsEverything);
        Assert.False(spec.SelectsEverything);
    }

    [Fact]
    public void Equals_SameSetsInOtherOrderAndCase_AreEqual()
    {
        var a = new FilterSpec(["q4_k_m", "mmproj"], ["imatrix"], exactMatch: true);
        var b = new FilterSpec(["MMPROJ", "Q4_K_M"], ["IMATRIX"], exactMatch: true);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new FilterSpec(["q4_k_m", "mmproj"], ["imatrix"], exactMatch: false));
        Assert.NotEqual(a, new FilterSpec(["q4_k_m"], ["imatrix"], exactMatch: true));
        Assert.NotEqual(a, new FilterSpec(["q4_k_m", "mmproj"], [], exactMatch: true));
    }

    [Theory]
    [InlineData("unsloth/Qwen3-8B-GGUF", "unsloth/Qwen3-8B-GGUF", "")]
    [InlineData("unsloth/Qwen3-8B-GGUF:q4_k_m", "unsloth/Qwen3-8B-GGUF", "q4_k_m")]
    [InlineData(" bartowski/gemma-3-4b-it-GGUF:Q4_K_M, mmproj-f16 ,", "bartowski/gemma-3-4b-it-GGUF", "Q4_K_M|mmproj-f16")]
    [InlineData("gpt2:safetensors", "gpt2", "safetensors")]
    public void TryParseRepoArgument_ValidArguments_SplitIdAndFilters(string value, string repo, string filters)
    {
        Assert.True(FilterSpec.TryParseRepoArgument(value, out var id, out var inline, out var error), error);
        Assert.Equal(repo, id.ToString());
        Assert.Equal(filters.Split('|', StringSplitOptions.RemoveEmptyEntries), inline);
    }

    [Theory]
    [InlineData("")]
    [InlineData("..:q4")]
    [InlineData("a/b:")]
    [InlineData("a/b: , ")]
    [InlineData("a--b/c:q4")]
    [InlineData("https://huggingface.co/a/b")]
    [InlineData("https://huggingface.co/gpt2")]
    public void TryParseRepoArgument_InvalidArguments_FailWithReason(string value)
    {
        Assert.False(FilterSpec.TryParseRepoArgument(value, out _, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void WithFilters_AddsInlineFiltersToExisting()
    {
        var spec = new FilterSpec(["q4_k_m"], ["x"], exactMatch: true).WithFilters(["mmproj", "Q4_K_M"]);

        Assert.Equal(["q4_k_m", "mmproj"], spec.Filters);
        Assert.Equal(["x"], spec.Excludes);
        Assert.True(spec.ExactMatch);
    }

    [Fact]
    public void ToString_ShowsTheLists()
    {
        Assert.Equal("filters=[q4_k_m,mmproj] excludes=[imatrix] exactMatch=true", new FilterSpec(["q4_k_m", "mmproj"], ["imatrix"], true).ToString());
    }
}
