using HFDesk.Core.Analysis;
using HFDesk.Core.Hub;
using HFDesk.Core.Units;

namespace HFDesk.Server.Contracts;

public static class AnalyzeResponseMapper
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
            Gguf = analysis.Gguf is { } gguf
                ? new AnalyzeGguf([.. gguf.Quantizations.Select(ToQuantization)], [.. gguf.VisionEncoders.Select(ToQuantization)], gguf.SideFiles)
                : null,
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
        };
    }

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
    };
}
