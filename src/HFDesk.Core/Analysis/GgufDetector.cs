using HFDesk.Core.Gguf;
using HFDesk.Core.Hub;
using HFDesk.Core.Machine;
using HFDesk.Core.Planning;
using HFDesk.Core.Units;

namespace HFDesk.Core.Analysis;

/// <summary>GGUF repos: one item per quantization (shards merged), vision encoders, side files left out.</summary>
internal static class GgufDetector
{
    // Projector precision preference: F16 is what llama.cpp and LM Studio load by default.
    private static readonly string[] ProjectorPreference = ["F16", "BF16", "F32", "Q8_0"];

    public static FamilyAnalysis? TryAnalyze(AnalysisContext context)
    {
        var parsed = context.Files
            .Select(f => (File: f, Name: GgufFileName.TryParse(f.Path)))
            .Where(p => p.Name is not null)
            .Select(p => (p.File, Name: p.Name!))
            .ToList();
        var models = parsed.Where(p => p.Name.Role == GgufFileRole.Model).ToList();
        if (models.Count == 0)
        {
            return null;
        }

        // A safetensors repo with a GGUF conversion on the side is still a safetensors repo: GGUF must dominate.
        var otherWeights = context.Files.Where(f => WeightFile.Classify(f.Path) is { IsWeights: true, Format: not WeightFormat.Gguf }).Sum(f => f.Size);
        if (otherWeights > models.Sum(m => m.File.Size))
        {
            return null;
        }

        var projectors = parsed.Where(p => p.Name.Role == GgufFileRole.VisionProjector)
            .GroupBy(p => p.Name.GroupKey, StringComparer.Ordinal)
            .Select(g => BuildProjector(g.Key, g.Select(p => p.File).ToList(), g.First().Name.Quantization))
            .ToList();
        var chosenProjector = projectors
            .OrderBy(p => ProjectorRank(p.Name))
            .ThenBy(p => p.Size)
            .FirstOrDefault();
        projectors = [.. projectors.Select(p => p with { Recommended = ReferenceEquals(p, chosenProjector) })];

        // A vision model is run with its projector loaded: the memory it needs counts the mmproj too.
        var fit = context.GgufFit ?? GgufFitInputs.None;
        var projectorBytes = chosenProjector?.Size ?? 0;
        var quants = models
            .GroupBy(p => p.Name.Quantization ?? StemOf(p.Name.GroupKey), StringComparer.OrdinalIgnoreCase)
            .Select(g => BuildQuant(g.Key, g.Select(p => p.File).ToList(), g.First().Name.Quantization is not null, fit, projectorBytes))
            .ToList();
        var recommended = ChooseRecommended(quants);
        quants = [.. quants.Select(q => q with { Recommended = ReferenceEquals(q, recommended) })
            .OrderByDescending(q => q.Quality is null ? 0 : GgufQuantCatalog.Bits(q.Name))
            .ThenByDescending(q => q.Size)];

        var sideFiles = parsed.Where(p => p.Name.Role == GgufFileRole.SideFile).Select(p => p.File.Path).ToList();

        var items = quants.Select(q => ToItem(q, "quantization"))
            .Concat(projectors.Select(p => ToItem(p, "vision_encoder")))
            .ToList();
        var recommendedFiles = items.Where(i => i.Recommended).SelectMany(i => i.Files)
            .Concat(context.Files.Where(f => FileSelector.IsGgufCompanion(f.Path)).Select(f => f.Path))
            .ToHashSet(StringComparer.Ordinal);

        return new FamilyAnalysis
        {
            Kind = RepoKind.Gguf,
            Description = Describe(quants, projectors.Count > 0),
            Items = items,
            RecommendedFiles = recommendedFiles,
            PreferItemFilters = true,
            Gguf = new GgufSummary(quants, projectors, sideFiles)
            {
                Shape = fit.Shape,
                Context = fit.Shape is null ? null : fit.EffectiveContext,
            },
        };
    }

    /// <summary>
    /// Without fit badges: the documented size rule (<see cref="GgufQuantCatalog.RecommendationRank"/>). With
    /// them: the best quality (up to 8 bit; 16 and 32 bit are rarely worth their size) that runs wholly on the
    /// GPU; else the rule's choice among the quants that run at all; else the smallest, the nearest miss.
    /// </summary>
    private static GgufQuantization ChooseRecommended(List<GgufQuantization> quants)
    {
        var byRule = quants
            .OrderBy(q => q.Quality is null ? int.MaxValue : GgufQuantCatalog.RecommendationRank(q.Name))
            .ThenBy(q => q.Size)
            .ToList();
        if (quants.All(q => q.Fit is null))
        {
            return byRule[0];
        }

        var bestOnGpu = byRule
            .Where(q => q.Fit == MemoryFit.FullGpu && q.Quality is not null && GgufQuantCatalog.Bits(q.Name) is > 0 and <= 8)
            .OrderByDescending(q => GgufQuantCatalog.Bits(q.Name))
            .FirstOrDefault();
        return bestOnGpu
            ?? byRule.FirstOrDefault(q => q.Fit is not MemoryFit.TooLarge)
            ?? quants.MinBy(q => q.Size)!;
    }

    private static GgufQuantization BuildQuant(string label, List<RepoFile> files, bool known, GgufFitInputs fit, long projectorBytes)
    {
        var size = files.Sum(f => f.Size);
        var estimate = fit.Shape is { } shape
            ? GgufMemoryEstimate.Estimate(size + projectorBytes, shape, fit.EffectiveContext)
            : GgufQuantCatalog.EstimateRam(size);
        return new GgufQuantization
        {
            Name = label,
            Files = [.. files.Select(f => f.Path).Order(StringComparer.Ordinal)],
            Size = size,
            ShardCount = files.Count,
            Quality = known ? GgufQuantCatalog.Quality(label) : null,
            EstimatedRam = estimate,
            Fit = fit.Budget?.Classify(estimate),
            Description = known ? GgufQuantCatalog.Describe(label) : "GGUF weights without a recognizable quantization in the name",
        };
    }

    private static GgufQuantization BuildProjector(string groupKey, List<RepoFile> files, string? precision)
    {
        var size = files.Sum(f => f.Size);
        return new GgufQuantization
        {
            Name = StemOf(groupKey),
            Files = [.. files.Select(f => f.Path).Order(StringComparer.Ordinal)],
            Size = size,
            ShardCount = files.Count,
            EstimatedRam = size,
            Description = precision is null
                ? "Vision encoder (mmproj): needed to give the model images"
                : $"Vision encoder (mmproj) at {precision}: needed to give the model images",
        };
    }

    private static SelectableItem ToItem(GgufQuantization quant, string category)
    {
        var isProjector = category == "vision_encoder";
        var precision = isProjector ? GgufFileName.FindQuantization(quant.Files[0]) : null;
        return new SelectableItem
        {
            Id = quant.Name.ToLowerInvariant(),
            Label = isProjector ? $"Vision encoder ({precision ?? quant.Name})" : quant.Name,
            FilterValue = quant.Name.ToLowerInvariant(),
            Category = category,
            Recommended = quant.Recommended,
            Files = quant.Files,
            Size = quant.Size,
            Quality = quant.Quality,
            EstimatedRam = isProjector ? null : quant.EstimatedRam,
            Fit = isProjector ? null : quant.Fit,
            Description = quant.Description,
        };
    }

    private static int ProjectorRank(string name)
    {
        var precision = GgufFileName.FindQuantization(name + ".gguf");
        var index = precision is null ? -1 : Array.IndexOf(ProjectorPreference, precision);
        return index < 0 ? ProjectorPreference.Length : index;
    }

    private static string StemOf(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return name.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) ? name[..^5] : name;
    }

    private static string Describe(List<GgufQuantization> quants, bool hasVision)
    {
        var known = quants.Where(q => q.Quality is not null).ToList();
        var range = known.Count > 1
            ? $" from {known.MinBy(q => q.Size)!.Name} ({ByteSize.Format(known.Min(q => q.Size))}) to {known.MaxBy(q => q.Size)!.Name} ({ByteSize.Format(known.Max(q => q.Size))})"
            : "";
        var count = quants.Count == 1 ? "1 quantization" : $"{quants.Count} quantizations";
        var vision = hasVision ? ", with a vision encoder for image input" : "";
        return $"GGUF model for llama.cpp, LM Studio and Ollama: {count}{range}{vision}";
    }
}
