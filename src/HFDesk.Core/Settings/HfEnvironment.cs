using System.Collections;
using System.Text.RegularExpressions;

namespace HFDesk.Core.Settings;

/// <summary>
/// The environment variables HFDesk reads, captured once. Tests build one from a dictionary instead of
/// mutating the process environment, which parallel tests would share.
/// </summary>
internal sealed partial class HfEnvironment
{
    public const string HfHome = "HF_HOME";
    public const string HfHubCache = "HF_HUB_CACHE";
    // huggingface_hub still honours the pre-2023 name; a user who set only it expects it to count.
    public const string LegacyHubCache = "HUGGINGFACE_HUB_CACHE";
    public const string HfEndpoint = "HF_ENDPOINT";
    public const string HfToken = "HF_TOKEN";
    public const string HfTokenPath = "HF_TOKEN_PATH";
    public const string DisableImplicitToken = "HF_HUB_DISABLE_IMPLICIT_TOKEN";
    public const string HfDeskDataDir = "HFDESK_DATA_DIR";
    public const string XdgCacheHome = "XDG_CACHE_HOME";
    public const string XdgConfigHome = "XDG_CONFIG_HOME";
    public const string AppData = "APPDATA";

    private readonly Dictionary<string, string> _variables;

    public HfEnvironment(IReadOnlyDictionary<string, string> variables, string userHome)
    {
        // Windows treats names case-insensitively; a test dictionary should behave the same everywhere.
        _variables = new Dictionary<string, string>(variables, StringComparer.OrdinalIgnoreCase);
        UserHome = userHome;
    }

    public string UserHome { get; }

    public static HfEnvironment FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                variables[key] = value;
            }
        }

        return new HfEnvironment(variables, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
    }

    public static HfEnvironment Empty(string userHome) => new(new Dictionary<string, string>(), userHome);

    /// <summary>The variable's value, or null when unset or blank (the HF tools treat an empty value as unset).</summary>
    public string? Get(string name) =>
        _variables.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>A path from the environment with <c>~</c> and <c>$VARS</c> expanded, as huggingface_hub does.</summary>
    public string? GetPath(string name) => Get(name) is { } value ? ExpandVariables(ExpandHome(value)) : null;

    /// <summary>huggingface_hub's HF_HOME: the variable, else <c>$XDG_CACHE_HOME/huggingface</c>, else <c>~/.cache/huggingface</c>.</summary>
    public string HuggingFaceHome =>
        GetPath(HfHome) ?? Path.Combine(GetPath(XdgCacheHome) ?? Path.Combine(UserHome, ".cache"), "huggingface");

    /// <summary>A flag as huggingface_hub reads one: <c>1</c>, <c>true</c>, <c>yes</c> or <c>on</c>, in any case.</summary>
    public bool IsTrue(string name) =>
        Get(name) is { } value && (value is "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase)
            || value.Equals("yes", StringComparison.OrdinalIgnoreCase) || value.Equals("on", StringComparison.OrdinalIgnoreCase));

    public string ExpandHome(string path)
    {
        if (path == "~")
        {
            return UserHome;
        }

        if (path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal))
        {
            return Path.Combine(UserHome, path[2..]);
        }

        return path;
    }

    /// <summary>
    /// <c>$NAME</c> and <c>${NAME}</c> (and <c>%NAME%</c> on Windows) replaced from this environment, like Python's
    /// <c>os.path.expandvars</c>: an unknown name stays as written, so a literal <c>$</c> in a path survives.
    /// </summary>
    public string ExpandVariables(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var pattern = OperatingSystem.IsWindows() ? WindowsVariablePattern() : VariablePattern();
        return pattern.Replace(path, match =>
        {
            var name = match.Groups["name"].Value;
            return _variables.TryGetValue(name, out var value) ? value : match.Value;
        });
    }

    [GeneratedRegex(@"\$(?:(?<name>[A-Za-z0-9_]+)|\{(?<name>[^{}]+)\})", RegexOptions.CultureInvariant)]
    private static partial Regex VariablePattern();

    [GeneratedRegex(@"\$(?:(?<name>[A-Za-z0-9_]+)|\{(?<name>[^{}]+)\})|%(?<name>[^%]+)%", RegexOptions.CultureInvariant)]
    private static partial Regex WindowsVariablePattern();
}
