using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using HFDesk.Core.Settings;
using HFDesk.Core.Storage;

namespace HFDesk.Core.Mirror;

/// <summary>
/// The configured targets, kept in <c>mirror-targets.json</c> next to the config file (same data dir, same
/// atomic temp-then-rename save), in a file of their own so the settings document and its validator stay
/// about settings. Changes are serialized; readers always see a whole list.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim never allocates its wait handle (only WaitAsync is used); the store lives as long as the process.")]
internal sealed class MirrorTargetStore
{
    public const string FileName = "mirror-targets.json";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HfEnvironment _environment;
    private IReadOnlyList<MirrorTarget> _targets;

    private MirrorTargetStore(string filePath, IReadOnlyList<MirrorTarget> targets, string? loadWarning, HfEnvironment environment)
    {
        FilePath = filePath;
        _targets = targets;
        LoadWarning = loadWarning;
        _environment = environment;
    }

    public string FilePath { get; }

    public string? LoadWarning { get; }

    /// <summary>Whose home a target may not be (the paths rule); push and pull check stored targets against it again.</summary>
    internal HfEnvironment Environment => _environment;

    public IReadOnlyList<MirrorTarget> Targets => Volatile.Read(ref _targets);

    /// <summary>Reads the targets file of <paramref name="dataDir"/>; <paramref name="environment"/> says whose home a target may not be.</summary>
    public static MirrorTargetStore Open(string dataDir, HfEnvironment environment)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDir);
        ArgumentNullException.ThrowIfNull(environment);
        var path = Path.Combine(dataDir, FileName);
        try
        {
            if (!File.Exists(path))
            {
                return new MirrorTargetStore(path, [], null, environment);
            }

            var file = JsonSerializer.Deserialize(File.ReadAllBytes(path), MirrorJsonContext.Default.MirrorTargetFile);
            // A hand-edited entry with a bad name is dropped rather than kept unaddressable by the API.
            var targets = (file?.Targets ?? [])
                .Where(t => t is not null && MirrorTargetRules.IsValidName(t.Name, out _) && !string.IsNullOrWhiteSpace(t.Path))
                .Select(t => t with { Description = t.Description ?? "" })
                .DistinctBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
                .ToList();
            return new MirrorTargetStore(path, targets, null, environment);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return new MirrorTargetStore(path, [], $"Could not read {path} ({ex.Message}); no mirror targets loaded", environment);
        }
    }

    public MirrorTarget? Find(string name) =>
        Targets.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    public async Task<MirrorTargetChange> AddAsync(string? name, string? path, string? description, string hubDir, CancellationToken cancellationToken)
    {
        if (!MirrorTargetRules.IsValidName(name, out var nameError))
        {
            return new MirrorTargetChange(MirrorOutcome.Invalid, nameError);
        }

        if (!MirrorTargetRules.TryNormalizePath(path, hubDir, _environment, out var normalized, out var pathError))
        {
            return new MirrorTargetChange(MirrorOutcome.Invalid, pathError);
        }

        var text = description?.Trim() ?? "";
        if (text.Length > 500 || text.Any(char.IsControl))
        {
            return new MirrorTargetChange(MirrorOutcome.Invalid, "The description must be at most 500 characters without control characters");
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Find(name!) is not null)
            {
                return new MirrorTargetChange(MirrorOutcome.Conflict, $"A mirror target named '{name}' already exists");
            }

            var target = new MirrorTarget(name!, normalized, text);
            var persisted = TrySave([.. Targets, target]);
            return new MirrorTargetChange(MirrorOutcome.Ok, persisted ? "Mirror target added" : "Mirror target added (warning: could not persist)", target, persisted);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<MirrorTargetChange> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Find(name) is not { } target)
            {
                return new MirrorTargetChange(MirrorOutcome.NotFound, $"No mirror target named '{name}'");
            }

            var persisted = TrySave([.. Targets.Where(t => !ReferenceEquals(t, target))]);
            return new MirrorTargetChange(MirrorOutcome.Ok, "Mirror target removed (its files were not touched)", target, persisted);
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool TrySave(IReadOnlyList<MirrorTarget> targets)
    {
        // Published even when the save fails, as settings are: the change applies to this process at once.
        Volatile.Write(ref _targets, targets);
        try
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(new MirrorTargetFile(targets), MirrorJsonContext.Default.MirrorTargetFile);
            AtomicFile.WriteAllBytes(FilePath, bytes);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
