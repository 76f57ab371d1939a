using HFDesk.Core.Hub;
using HFDesk.Core.Planning;

namespace HFDesk.Core.Analysis;

/// <summary>
/// Splits a model repo into its weight formats, picks the one to download (safetensors first) and finds the
/// companion files (config, tokenizer, README) that make it usable. Files inside a folder whose weights are all
/// in other formats (<c>onnx/</c>, <c>original/</c>, <c>coreml/</c>) belong to those formats, not to the companions.
/// </summary>
internal sealed class WeightFormatGroups
{
    private static readonly WeightFormat[] FormatPreference =
    [
        WeightFormat.Safetensors, WeightFormat.PyTorchBin, WeightFormat.Checkpoint, WeightFormat.Onnx,
        WeightFormat.TensorFlow, WeightFormat.Flax, WeightFormat.Rust, WeightFormat.CoreMl, WeightFormat.OpenVino, WeightFormat.Gguf,
    ];

    // Without a variant marker the weights are the repo's reference precision; among marked ones half
    // precision is what people pick to save disk and memory.
    private static readonly string?[] VariantPreference = [null, "fp16", "bf16", "fp32"];

    private WeightFormatGroups(IReadOnlyList<WeightFormatGroup> groups, WeightFormatGroup? preferred, IReadOnlyList<string> companions)
    {
        Groups = groups;
        Preferred = preferred;
        Companions = companions;
    }

    public IReadOnlyList<WeightFormatGroup> Groups { get; }

    public WeightFormatGroup? Preferred { get; }

    /// <summary>Non-weight files that go with the preferred format: configs, tokenizer, README, licence.</summary>
    public IReadOnlyList<string> Companions { get; }

    public bool HasWeights => Groups.Count > 0;

    public static WeightFormatGroups Build(IReadOnlyList<RepoFile> files)
    {
        var classified = files.Select(f => (File: f, Weight: WeightFile.Classify(f.Path))).ToList();
        var weights = classified.Where(c => c.Weight is not null).Select(c => (c.File, Weight: c.Weight!)).ToList();
        var keys = weights.Where(w => w.Weight.IsWeights).Select(w => (w.Weight.Format, w.Weight.Variant)).Distinct().ToList();
        if (keys.Count == 0)
        {
            return new WeightFormatGroups([], null, [.. files.Where(f => !WeightFile.IsMedia(f.Path)).Select(f => f.Path)]);
        }

        var preferredKey = keys.OrderBy(k => Rank(k.Format, k.Variant)).First();

        var owned = new Dictionary<(WeightFormat, string?), List<RepoFile>>();
        foreach (var key in keys)
        {
            owned[key] = [];
        }

        var companions = new List<string>();
        foreach (var (file, weight) in classified)
        {
            if (weight is not null && owned.TryGetValue((weight.Format, weight.Variant), out var list))
            {
                list.Add(file);
                continue;
            }

            if (WeightFile.IsMedia(file.Path))
            {
                continue;
            }

            var owner = FolderOwner(file.Path, weights, preferredKey);
            if (owner is { } key && owned.TryGetValue(key, out var ownerList))
            {
                ownerList.Add(file);
            }
            else
            {
                companions.Add(file.Path);
            }
        }

        var groups = keys
            .Select(k => new WeightFormatGroup(k.Format, k.Variant, [.. owned[k].Select(f => f.Path)], owned[k].Sum(f => f.Size)))
            .OrderBy(g => Rank(g.Format, g.Variant))
            .ToList();
        return new WeightFormatGroups(groups, groups[0], companions);
    }

    private static int Rank(WeightFormat format, string? variant)
    {
        var formatIndex = Array.IndexOf(FormatPreference, format);
        var variantIndex = Array.IndexOf(VariantPreference, variant);
        return (formatIndex * 10) + (variantIndex < 0 ? VariantPreference.Length : variantIndex);
    }

    public IReadOnlySet<string> RecommendedFiles() =>
        (Preferred?.Files ?? []).Concat(Companions).ToHashSet(StringComparer.Ordinal);

    public IReadOnlyList<SelectableItem> Items(IReadOnlyList<RepoFile> files) =>
        [.. Groups.Select(g => new SelectableItem
        {
            Id = g.Id,
            Label = g.Label,
            FilterValue = FilterValueFor(g, files),
            Category = "format",
            Recommended = ReferenceEquals(g, Preferred),
            Files = g.Files,
            Size = g.Size,
            Description = g.Description,
        })];

    /// <summary>The first candidate that selects exactly the group's files on its own, else the format hint.</summary>
    private static string FilterValueFor(WeightFormatGroup group, IReadOnlyList<RepoFile> files)
    {
        var want = group.Files.ToHashSet(StringComparer.Ordinal);
        var folder = CommonFolder(group.Files);
        string?[] candidates = [group.FilterHint, folder, group.Files.Count == 1 ? group.Files[0] : null];
        foreach (var candidate in candidates.OfType<string>())
        {
            var selected = FileSelector.Select(files, new FilterSpec([candidate]));
            if (selected.Count == want.Count && selected.All(f => want.Contains(f.Path)))
            {
                return candidate;
            }
        }

        return group.FilterHint;
    }

    private static string? CommonFolder(IReadOnlyList<string> paths)
    {
        var first = paths[0];
        var slash = first.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return null;
        }

        var folder = first[..(slash + 1)];
        return paths.All(p => p.StartsWith(folder, StringComparison.Ordinal)) ? folder : null;
    }

    // The innermost folder above the file that holds weights decides: if none of them are in the preferred
    // format, the file (a config.json inside onnx/, params.json inside original/) belongs to that format.
    private static (WeightFormat, string?)? FolderOwner(
        string path,
        List<(RepoFile File, WeightFile Weight)> weights,
        (WeightFormat Format, string? Variant) preferred)
    {
        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
        {
            var folder = path[..(slash + 1)];
            var inside = weights.Where(w => w.Weight.IsWeights && w.File.Path.StartsWith(folder, StringComparison.Ordinal)).ToList();
            if (inside.Count == 0)
            {
                continue;
            }

            return inside.Any(w => w.Weight.Format == preferred.Format && w.Weight.Variant == preferred.Variant)
                ? null
                : (inside[0].Weight.Format, inside[0].Weight.Variant);
        }

        return null;
    }
}
