using System.Text.Json;
using HFDesk.Core.Analysis;
using HFDesk.Core.Hub;
using HFDesk.Core.Machine;
using HFDesk.Core.Units;
using HFDesk.Server.Readme;

namespace HFDesk.Server.Contracts;

internal static class AnalyzeResponseMapper
{
    public static AnalyzeResponse ToResponse(this RepoAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var download = analysis.RecommendedDownload;
        return new AnalyzeResponse
        {
            Repo = analysis.Repo.ToString(),
            IsDataset = analysis.IsDataset,
            Type = analysis.Kind.ApiName(),
            TypeDescription = analysis.TypeDescription,
            Revision = analysis.Revision,
            Commit = analysis.Commit,
            FileCount = analysis.Files.Count,
            TotalSize = analysis.TotalSize,
            TotalSizeHuman = ByteSize.Format(analysis.TotalSize),
            Files = [.. analysis.Files.Select(ToFile)],
            Gguf = analysis.Gguf is { } gguf ? ToGguf(gguf) : null,
            Diffusers = analysis.Diffusers is { } d ? new AnalyzeDiffusers(d.PipelineClass, d.Components, d.Variants) : null,
            Dataset = analysis.Dataset is { } ds ? new AnalyzeDataset(ds.Formats, ds.Subsets, ds.Splits) : null,
            Model = analysis.Model is { } m
                ? new AnalyzeModel(m.Architectures, m.ModelType, m.QuantizationMethod, m.QuantizationBits, m.BaseModel, m.Formats)
                : null,
            SelectableItems = [.. analysis.SelectableItems.Select(ToItem)],
            RecommendedFilters = analysis.RecommendedFilters,
            RecommendedDownload = new AnalyzeDownloadBody
            {
                Repo = download.Repo,
                Revision = download.Revision,
                Dataset = download.Dataset,
                Filters = download.Filters.Count > 0 ? download.Filters : null,
                Excludes = download.Excludes.Count > 0 ? download.Excludes : null,
                ExactMatch = download.ExactMatch,
            },
            RecommendedFiles = analysis.RecommendedFiles,
            AlsoDataset = analysis.AlsoDataset,
            AnalyzedAt = analysis.AnalyzedAt,
            Gated = GatedElement(analysis.Hub?.Gated),
            Private = analysis.Hub?.Private ?? false,
            Downloads = analysis.Hub?.Downloads ?? 0,
            Likes = analysis.Hub?.Likes ?? 0,
            LastModified = analysis.Hub?.LastModified,
            RepoUrl = analysis.Hub?.RepoPage.AbsoluteUri,
            Refs = analysis.Hub?.Refs is { } refs
                ? new AnalyzeRefs([.. refs.Branches.Select(ToRef)], [.. refs.Tags.Select(ToRef)])
                : null,
            Readme = analysis.Hub is { Readme: { } readme } hub ? ReadmeRenderer.ToHtml(readme, hub.RepoPage, analysis.Commit) : null,
        };
    }

    private static AnalyzeRef ToRef(RepoRef r) => new(r.Name, r.Ref, r.TargetCommit);

    // The Hub writes gated as false or a mode string; the contract keeps that shape.
    private static JsonElement GatedElement(string? mode)
    {
        using var document = JsonDocument.Parse(mode is "auto" or "manual" ? $"\"{mode}\"" : "false");
        return document.RootElement.Clone();
    }

    private static AnalyzeGguf ToGguf(GgufSummary gguf) => new([.. gguf.Quantizations.Select(ToQuantization)], [.. gguf.VisionEncoders.Select(ToQuantization)], gguf.SideFiles)
    {
        Architecture = gguf.Shape?.Architecture,
        ContextLength = gguf.Shape?.ContextLength,
        Context = gguf.Context,
        BlockCount = gguf.Shape?.BlockCount,
        HeadCount = gguf.Shape?.HeadCount,
        HeadCountKv = gguf.Shape?.HeadCountKv,
        EmbeddingLength = gguf.Shape?.EmbeddingLength,
    };

    private static AnalyzeFile ToFile(RepoFile file)
    {
        var slash = file.Path.LastIndexOf('/');
        return new AnalyzeFile(
            file.Path,
            file.FileName,
            slash < 0 ? "" : file.Path[..slash],
            file.Size,
            ByteSize.Format(file.Size),
            file.IsLfs,
            file.LfsSha256);
    }

    private static AnalyzeItem ToItem(SelectableItem item) => new()
    {
        Id = item.Id,
        Label = item.Label,
        FilterValue = item.FilterValue,
        Recommended = item.Recommended,
        Files = item.Files,
        Size = item.Size,
        SizeHuman = ByteSize.Format(item.Size),
        Category = item.Category,
        Quality = item.Quality,
        EstimatedRam = item.EstimatedRam,
        EstimatedRamHuman = item.EstimatedRam is { } ram ? ByteSize.Format(ram) : null,
        Description = item.Description,
        Fit = item.Fit?.ApiName(),
    };

    private static AnalyzeGgufQuantization ToQuantization(GgufQuantization quant) => new()
    {
        Name = quant.Name,
        Files = quant.Files,
        Size = quant.Size,
        SizeHuman = ByteSize.Format(quant.Size),
        ShardCount = quant.ShardCount,
        Quality = quant.Quality,
        EstimatedRam = quant.EstimatedRam,
        EstimatedRamHuman = ByteSize.Format(quant.EstimatedRam),
        Description = quant.Description,
        Recommended = quant.Recommended,
        Fit = quant.Fit?.ApiName(),
    };
}
