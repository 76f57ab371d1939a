using System.Text.RegularExpressions;
using HFDesk.Core.Hub;
using HFDesk.Core.Planning;
using HFDesk.Core.Units;

namespace HFDesk.Core.Analysis;

/// <summary>
/// Dataset repos: items per data format, per subset (config folder) and per split. Default: every file of the
/// best format (Parquet, then Arrow, JSON, CSV…) plus the card and metadata, leaving out duplicate exports;
/// for corpora too large to take whole, one subset of it.
/// </summary>
internal static partial class DatasetDetector
{
    // Past this size "everything" is not a sensible default (fineweb-sized corpora run to terabytes): recommend
    // one subset instead, a sample-like one when the authors made one, else the smallest.
    private const long WholeDatasetLimit = 50_000_000_000;

    private static readonly string[] SampleWords = ["sample", "mini", "small", "tiny", "default"];

    private static readonly HashSet<string> SplitNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "train", "test", "validation", "valid", "dev", "eval", "unsupervised",
    };

    private static readonly string[] FormatPreference = ["parquet", "arrow", "json", "csv", "text", "webdataset", "zip"];

    private static readonly string[] Compressions = [".gz", ".zst", ".bz2", ".xz"];

    // Files next to the data that describe it rather than hold it.
    private static readonly HashSet<string> MetadataNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "dataset_info.json", "dataset_infos.json", "state.json", "dataset_dict.json",
    };

    public static FamilyAnalysis Analyze(AnalysisContext context)
    {
        var files = context.Files;
        var data = files.Select(f => (File: f, Format: DataFormat(f.Path))).Where(x => x.Format is not null)
            .Select(x => (x.File, Format: x.Format!)).ToList();
        var formats = data.GroupBy(d => d.Format, StringComparer.Ordinal)
            .OrderBy(g => Rank(g.Key))
            .ToList();
        var preferred = formats.FirstOrDefault()?.Key;
        var preferredFiles = data.Where(d => d.Format == preferred).Select(d => d.File).ToList();

        var items = new List<SelectableItem>();
        foreach (var format in formats)
        {
            var paths = format.Select(d => d.File.Path).ToList();
            items.Add(new SelectableItem
            {
                Id = format.Key,
                Label = Label(format.Key),
                FilterValue = ChooseFilter(files, paths, FormatHints(format.Key)),
                Category = "format",
                Recommended = format.Key == preferred,
                Files = paths,
                Size = format.Sum(d => d.File.Size),
                Description = format.Key == preferred && formats.Count > 1
                    ? $"{Label(format.Key)} data files, the most efficient copy of the data"
                    : $"{Label(format.Key)} data files",
            });
        }

        var subsets = Subsets(preferredFiles);
        var defaultSubset = DefaultSubset(subsets);
        foreach (var (subset, folder, subsetFiles) in subsets)
        {
            items.Add(new SelectableItem
            {
                Id = $"subset-{subset.ToLowerInvariant()}",
                Label = subset,
                FilterValue = ChooseFilter(files, [.. subsetFiles.Select(f => f.Path)], [folder, subset + "/"]),
                Category = "subset",
                Recommended = subset == defaultSubset?.Name,
                Files = [.. subsetFiles.Select(f => f.Path)],
                Size = subsetFiles.Sum(f => f.Size),
                Description = subset == defaultSubset?.Name
                    ? $"Subset (config) {subset}: the default, as the whole dataset is {ByteSize.Format(preferredFiles.Sum(f => f.Size))}"
                    : $"Subset (config) {subset}",
            });
        }

        var splits = preferredFiles.GroupBy(f => Split(f.Path), StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Key is not null).ToList();
        foreach (var split in splits)
        {
            var paths = split.Select(f => f.Path).ToList();
            var name = split.Key!.ToLowerInvariant();
            items.Add(new SelectableItem
            {
                Id = $"split-{name}",
                Label = name,
                FilterValue = ChooseFilter(files, paths, [$"/{name}-", $"{name}-", $"/{name}.", $"{name}.", $"{name}/", name]),
                Category = "split",
                Files = paths,
                Size = split.Sum(f => f.Size),
                Description = $"The {name} split{(subsets.Count > 1 ? " of every subset" : "")}",
            });
        }

        // The card and metadata go with the data; other formats' copies and media do not.
        var companions = files.Where(f => DataFormat(f.Path) is null && !WeightFile.IsMedia(f.Path)).Select(f => f.Path);
        var recommendedData = defaultSubset?.Files ?? preferredFiles;
        var recommended = recommendedData.Select(f => f.Path).Concat(companions).ToHashSet(StringComparer.Ordinal);
        var formatText = formats.Count == 0 ? "no recognized data files" : string.Join(", ", formats.Select(f => Label(f.Key)));
        return new FamilyAnalysis
        {
            Kind = RepoKind.Dataset,
            Description = $"Dataset: {formatText}; {ByteSize.Format(context.TotalSize)} in {files.Count} files"
                + (subsets.Count > 1 ? $", {subsets.Count} subsets" : "")
                + (splits.Count > 0 ? $", splits {string.Join("/", splits.Select(s => s.Key!.ToLowerInvariant()))}" : ""),
            Items = items,
            RecommendedFiles = recommended,
            Dataset = new DatasetSummary(
                [.. formats.Select(f => f.Key)],
                [.. subsets.Select(sub => sub.Name)],
                [.. splits.Select(s => s.Key!.ToLowerInvariant())]),
        };
    }

    public static string? DataFormat(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..].ToLowerInvariant();
        if (MetadataNames.Contains(name) || name.StartsWith('.'))
        {
            return null;
        }

        foreach (var compression in Compressions)
        {
            if (name.EndsWith(compression, StringComparison.Ordinal))
            {
                name = name[..^compression.Length];
                break;
            }
        }

        var extension = Path.GetExtension(name);
        return extension switch
        {
            ".parquet" => "parquet",
            ".arrow" => "arrow",
            ".jsonl" or ".ndjson" => "json",
            ".json" when path.Contains('/', StringComparison.Ordinal) || !name.Contains("info", StringComparison.Ordinal) => "json",
            ".csv" or ".tsv" => "csv",
            ".txt" when !name.StartsWith("readme", StringComparison.Ordinal) && !name.StartsWith("license", StringComparison.Ordinal) => "text",
            ".tar" => "webdataset",
            ".zip" => "zip",
            _ => null,
        };
    }

    private static int Rank(string format)
    {
        var index = Array.IndexOf(FormatPreference, format);
        return index < 0 ? FormatPreference.Length : index;
    }

    private static string Label(string format) => format switch
    {
        "parquet" => "Parquet",
        "arrow" => "Arrow",
        "json" => "JSON",
        "csv" => "CSV",
        "text" => "Text",
        "webdataset" => "WebDataset (tar)",
        "zip" => "ZIP archives",
        _ => format,
    };

    private static string[] FormatHints(string format) => format switch
    {
        "json" => [".jsonl", ".json"],
        "csv" => [".csv", ".tsv"],
        "text" => [".txt"],
        "webdataset" => [".tar"],
        _ => ["." + format],
    };

    /// <summary>
    /// Subsets (configs) are the folders holding the data, less a leading <c>data/</c> and a trailing split
    /// folder: "cola/train-….parquet" → cola, "data/CC-MAIN-2024-10/….parquet" → CC-MAIN-2024-10,
    /// "sample/10BT/….parquet" → sample/10BT, "default/train/0000.parquet" → default. One folder is no choice.
    /// </summary>
    private static List<(string Name, string Folder, List<RepoFile> Files)> Subsets(List<RepoFile> files)
    {
        var bySubset = files
            .Select(f => (File: f, Folder: SubsetFolder(f.Path)))
            .Where(x => x.Folder is not null)
            .GroupBy(x => x.Folder!, StringComparer.Ordinal)
            .Select(g => (Name: SubsetName(g.Key), Folder: g.Key, Files: g.Select(x => x.File).ToList()))
            .OrderBy(g => g.Name, StringComparer.Ordinal)
            .ToList();
        return bySubset.Count > 1 ? bySubset : [];
    }

    private static string? SubsetFolder(string path)
    {
        var parts = path.Split('/')[..^1].ToList();
        if (parts.Count > 0 && SplitNames.Contains(parts[^1]))
        {
            parts.RemoveAt(parts.Count - 1);
        }

        var start = parts.Count > 0 && parts[0].Equals("data", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        return parts.Count > start ? string.Join('/', parts) + "/" : null;
    }

    private static string SubsetName(string folder)
    {
        var name = folder.TrimEnd('/');
        return name.StartsWith("data/", StringComparison.OrdinalIgnoreCase) ? name[5..] : name;
    }

    private static (string Name, string Folder, List<RepoFile> Files)? DefaultSubset(List<(string Name, string Folder, List<RepoFile> Files)> subsets)
    {
        if (subsets.Count == 0 || subsets.Sum(s => s.Files.Sum(f => f.Size)) <= WholeDatasetLimit)
        {
            return null;
        }

        return subsets
            .OrderBy(s => SampleWords.Any(w => s.Name.Contains(w, StringComparison.OrdinalIgnoreCase)) ? 0 : 1)
            .ThenBy(s => s.Files.Sum(f => f.Size))
            .First();
    }

    private static string? Split(string path)
    {
        var match = SplitName().Match(path);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static string ChooseFilter(IReadOnlyList<RepoFile> files, IReadOnlyList<string> paths, string[] candidates)
    {
        var want = paths.ToHashSet(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            if (RecommendedDownloadEncoder.Yields(files, new FilterSpec([candidate]), want))
            {
                return candidate;
            }
        }

        return candidates[0];
    }

    [GeneratedRegex(@"(?:^|[/_.-])(train|test|validation|valid|dev|eval|unsupervised)(?=[/_.-]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SplitName();
}
