using System.Text.Json;
using HFDesk.Core.Hub;

namespace HFDesk.Core.Analysis;

/// <summary>
/// Diffusers pipelines (<c>model_index.json</c>): one item per component folder, per weight variant, per
/// duplicate format and per single-file checkpoint. The recommendation is the pipeline as
/// <c>DiffusionPipeline.from_pretrained(…, variant="fp16")</c> loads it when every component has fp16
/// safetensors (half the download), else the default safetensors; nothing else.
/// </summary>
internal static class DiffusersDetector
{
    public static FamilyAnalysis? TryAnalyze(AnalysisContext context)
    {
        if (!context.HasFile(RepoMetadata.ModelIndexFile))
        {
            return null;
        }

        var files = context.Files;
        var components = Components(context);
        var classified = files.ToDictionary(f => f.Path, f => WeightFile.Classify(f.Path), StringComparer.Ordinal);
        var componentWeights = components.ToDictionary(
            c => c,
            c => files.Where(f => f.Path.StartsWith(c + "/", StringComparison.Ordinal) && classified[f.Path] is { IsWeights: true })
                .Select(f => classified[f.Path]!).ToList(),
            StringComparer.Ordinal);
        var weighted = componentWeights.Where(kv => kv.Value.Count > 0).ToList();
        var useFp16 = weighted.Count > 0 && weighted.All(kv => kv.Value.Any(w => w.Format == WeightFormat.Safetensors && w.Variant == "fp16"));

        var recommended = new HashSet<string>(StringComparer.Ordinal);
        var items = new List<SelectableItem>();
        foreach (var component in components)
        {
            var chosen = ChooseWeights(componentWeights[component], useFp16);
            var componentFiles = files.Where(f => f.Path.StartsWith(component + "/", StringComparison.Ordinal))
                .Where(f => classified[f.Path] is not { } w || (w.Format == chosen?.Format && w.Variant == chosen?.Variant))
                .ToList();
            recommended.UnionWith(componentFiles.Select(f => f.Path));
            items.Add(new SelectableItem
            {
                Id = component,
                Label = component,
                FilterValue = component + "/",
                Category = "component",
                Recommended = true,
                Files = [.. componentFiles.Select(f => f.Path)],
                Size = componentFiles.Sum(f => f.Size),
                Description = chosen is null ? "Pipeline component (configuration only)" : $"Pipeline component, {chosen.Format} {chosen.Variant ?? "default"} weights",
            });
        }

        var rootFiles = files.Where(f => !f.Path.Contains('/', StringComparison.Ordinal)).ToList();
        recommended.UnionWith(rootFiles.Where(f => classified[f.Path] is null && !WeightFile.IsMedia(f.Path)).Select(f => f.Path));

        var inComponents = files.Where(f => components.Any(c => f.Path.StartsWith(c + "/", StringComparison.Ordinal))).ToList();
        var variants = inComponents.Select(f => classified[f.Path]).OfType<WeightFile>()
            .Where(w => w.IsWeights && w.Format == WeightFormat.Safetensors)
            .GroupBy(w => w.Variant ?? "default", StringComparer.Ordinal)
            .ToList();
        foreach (var variant in variants)
        {
            var paths = variant.Select(w => w.Path).ToList();
            var isChosen = useFp16 ? variant.Key == "fp16" : variant.Key == "default";
            items.Add(new SelectableItem
            {
                Id = $"variant-{variant.Key}",
                Label = variant.Key == "default" ? "Default precision weights" : $"{variant.Key} weights",
                FilterValue = variant.Key == "default" ? "diffusion_pytorch_model.safetensors" : $".{variant.Key}.",
                Category = "variant",
                Recommended = isChosen,
                Files = paths,
                Size = files.Where(f => paths.Contains(f.Path)).Sum(f => f.Size),
                Description = variant.Key == "default"
                    ? "Safetensors weights without a variant suffix, as from_pretrained loads them by default"
                    : $"Safetensors {variant.Key} variant: from_pretrained(…, variant=\"{variant.Key}\")",
            });
        }

        items.AddRange(DuplicateFormats(inComponents, classified));
        items.AddRange(rootFiles.Where(f => classified[f.Path] is { IsWeights: true }).Select(f => new SelectableItem
        {
            Id = f.FileName.ToLowerInvariant(),
            Label = f.FileName,
            FilterValue = f.FileName,
            Category = "checkpoint",
            Files = [f.Path],
            Size = f.Size,
            Description = "Single-file checkpoint (ComfyUI, Automatic1111), duplicates the pipeline weights",
        }));

        var pipelineClass = context.Metadata.ModelIndex.GetString("_class_name");
        return new FamilyAnalysis
        {
            Kind = RepoKind.Diffusers,
            Description = $"Diffusers pipeline{(pipelineClass is null ? "" : $" ({pipelineClass})")} with {components.Count} components; "
                + (useFp16 ? "fp16 safetensors variant recommended" : "default safetensors recommended"),
            Items = items,
            RecommendedFiles = recommended,
            Diffusers = new DiffusersSummary(pipelineClass, components, [.. variants.Select(v => v.Key)]),
        };
    }

    private static WeightFile? ChooseWeights(List<WeightFile> weights, bool useFp16) =>
        weights
            .OrderBy(w => w.Format == WeightFormat.Safetensors ? 0 : w.Format == WeightFormat.PyTorchBin ? 1 : 2)
            .ThenBy(w => useFp16 ? (w.Variant == "fp16" ? 0 : w.Variant is null ? 1 : 2) : (w.Variant is null ? 0 : w.Variant == "fp16" ? 1 : 2))
            .FirstOrDefault();

    private static IEnumerable<SelectableItem> DuplicateFormats(List<RepoFile> files, Dictionary<string, WeightFile?> classified) =>
        files.Where(f => classified[f.Path] is { Format: not (WeightFormat.Safetensors or WeightFormat.PyTorchBin) })
            .GroupBy(f => classified[f.Path]!.Format)
            .Select(g =>
            {
                var group = new WeightFormatGroup(g.Key, null, [.. g.Select(f => f.Path)], g.Sum(f => f.Size));
                return new SelectableItem
                {
                    Id = group.FormatId,
                    Label = group.FormatLabel,
                    FilterValue = group.FilterHint,
                    Category = "format",
                    Files = group.Files,
                    Size = group.Size,
                    Description = group.Description,
                };
            });

    // model_index.json maps component names to [library, class]; [null, null] marks an absent optional part.
    private static List<string> Components(AnalysisContext context)
    {
        var folders = context.Files.Where(f => f.Path.Contains('/', StringComparison.Ordinal))
            .Select(f => f.Path[..f.Path.IndexOf('/', StringComparison.Ordinal)])
            .ToHashSet(StringComparer.Ordinal);
        if (context.Metadata.ModelIndex is { } index)
        {
            return [.. index.EnumerateObject()
                .Where(p => !p.Name.StartsWith('_') && p.Value.ValueKind == JsonValueKind.Array
                    && p.Value.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.String))
                .Select(p => p.Name)
                .Where(folders.Contains)];
        }

        // Without the index (too big, unreadable) every folder with a config is taken as a component.
        return [.. folders.Where(d => context.Files.Any(f => f.Path.StartsWith(d + "/", StringComparison.Ordinal)
            && (f.FileName.EndsWith("config.json", StringComparison.Ordinal) || f.FileName == "vocab.json"))).Order(StringComparer.Ordinal)];
    }
}
