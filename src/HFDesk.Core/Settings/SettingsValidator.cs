using HFDesk.Core.Downloads;
using HFDesk.Core.Units;

namespace HFDesk.Core.Settings;

/// <summary>
/// Checks a <see cref="SettingsUpdate"/> against the ranges of api.md and applies it. All or nothing: one
/// invalid field means no change, and every invalid field gets its own message keyed by its JSON name.
/// </summary>
internal static class SettingsValidator
{
    // A machine that runs HFDesk has more than 64 MiB; a petabyte is beyond any workstation. Both catch unit slips.
    private const long MinHardwareRam = 64L << 20;
    private const long MaxHardwareBytes = 1L << 50;

    private static readonly string[] ProxySchemes = ["http", "https", "socks4", "socks4a", "socks5"];

    public static bool TryApply(
        HfDeskSettings current,
        SettingsUpdate update,
        HfEnvironment environment,
        out HfDeskSettings result,
        out IReadOnlyDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(environment);

        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var next = current;

        if (update.Token is { } token && !TokenMask.IsMasked(token))
        {
            // Surrounding blanks of a paste are forgiven; a blank, control or non-ASCII character inside is not.
            var trimmed = token.Trim();
            if (trimmed.Length == 0 && token.Length > 0)
            {
                problems["token"] = "token must not be blank (send \"\" to remove it)";
            }
            else if (trimmed.Length > 0 && !HfTokenText.IsValid(trimmed))
            {
                problems["token"] = HfTokenText.Problem(trimmed, "token");
            }
            else
            {
                next = next with { Token = trimmed.Length == 0 ? null : trimmed };
            }
        }

        if (update.CacheDir is { } cacheDir)
        {
            if (cacheDir.Trim().Length == 0)
            {
                next = next with { CacheDir = null };
            }
            else if (TryNormalizeDirectory(cacheDir, environment, out var path, out var error))
            {
                next = next with { CacheDir = path };
            }
            else
            {
                problems["cacheDir"] = $"cacheDir {error}";
            }
        }

        if (update.LocalDir is { } localDir)
        {
            if (localDir.Trim().Length == 0)
            {
                next = next with { LocalDir = "" };
            }
            else if (TryNormalizeDirectory(localDir, environment, out var path, out var error))
            {
                next = next with { LocalDir = path };
            }
            else
            {
                problems["localDir"] = $"localDir {error}";
            }
        }

        if (update.LocalScanDirs is { } scanDirs)
        {
            var normalized = new List<string>();
            foreach (var dir in scanDirs)
            {
                if (TryNormalizeDirectory(dir ?? "", environment, out var path, out var error))
                {
                    if (!normalized.Contains(path, PathComparer))
                    {
                        normalized.Add(path);
                    }
                }
                else
                {
                    problems["localScanDirs"] = $"localScanDirs entry '{dir}' {error}";
                    break;
                }
            }

            next = next with { LocalScanDirs = normalized };
        }

        if (update.AllowRequestLocalDir is { } allow && allow != current.AllowRequestLocalDir)
        {
            problems["allowRequestLocalDir"] =
                "allowRequestLocalDir is read-only here: set it in the config file or start with --allow-request-local-dir";
        }

        next = CheckRange(update.Connections, "connections", 1, 64, problems, next, (s, v) => s with { Connections = v });
        next = CheckRange(update.MaxActive, "maxActive", 1, 32, problems, next, (s, v) => s with { MaxActive = v });
        next = CheckRange(update.MaxConcurrentJobs, "maxConcurrentJobs", 1, 8, problems, next, (s, v) => s with { MaxConcurrentJobs = v });
        next = CheckRange(update.Retries, "retries", 0, 20, problems, next, (s, v) => s with { Retries = v });

        if (update.MultipartThreshold is { } threshold)
        {
            if (ByteSize.TryParse(threshold, out var bytes) && bytes > 0)
            {
                next = next with { MultipartThreshold = threshold.Trim() };
            }
            else
            {
                problems["multipartThreshold"] = $"multipartThreshold '{threshold}' is not a size such as 32MiB, 512KB or 1GiB";
            }
        }

        if (update.MaxSpeed is { } maxSpeed)
        {
            if (maxSpeed.Trim().Length == 0 || maxSpeed.Trim() == "0")
            {
                next = next with { MaxSpeed = "" };
            }
            else if (ByteSize.TryParse(maxSpeed, out _))
            {
                next = next with { MaxSpeed = maxSpeed.Trim() };
            }
            else
            {
                problems["maxSpeed"] = $"maxSpeed '{maxSpeed}' is not a size per second such as 10MB or 500KiB (\"\" or 0 for unlimited)";
            }
        }

        if (update.Verify is { } verify)
        {
            if (Enum.TryParse<VerifyMode>(verify.Trim(), ignoreCase: true, out var mode) && Enum.IsDefined(mode)
                && !int.TryParse(verify, out _))
            {
                next = next with { Verify = mode };
            }
            else
            {
                problems["verify"] = $"verify '{verify}' must be one of none, size, etag, sha256";
            }
        }

        if (update.StallTimeout is { } stall)
        {
            if (DurationText.TryParse(stall, out _))
            {
                next = next with { StallTimeout = stall.Trim() };
            }
            else
            {
                problems["stallTimeout"] = $"stallTimeout '{stall}' is not a duration such as 60s or 2m (0 disables)";
            }
        }

        if (update.Endpoint is { } endpoint)
        {
            if (TryNormalizeEndpoint(endpoint, out var normalized))
            {
                next = next with { Endpoint = normalized };
            }
            else
            {
                problems["endpoint"] = $"endpoint '{endpoint}' must be an http(s):// URL without credentials, or \"\" for the Hugging Face Hub";
            }
        }

        if (update.Proxy is { } proxy)
        {
            var p = next.Proxy;
            if (proxy.Url is { } url)
            {
                if (TryNormalizeProxyUrl(url, out var normalized))
                {
                    p = p with { Url = normalized };
                }
                else
                {
                    problems["proxy.url"] = $"proxy.url '{url}' must be an http, https, socks4 or socks5 URL, or \"\" for none";
                }
            }

            p = p with
            {
                Username = proxy.Username?.Trim() ?? p.Username,
                Password = proxy.Password ?? p.Password,
                NoProxy = proxy.NoProxy?.Trim() ?? p.NoProxy,
                NoEnvProxy = proxy.NoEnvProxy ?? p.NoEnvProxy,
                InsecureSkipVerify = proxy.InsecureSkipVerify ?? p.InsecureSkipVerify,
            };
            next = next with { Proxy = p };
        }

        if (update.HubEndpoint is { } hubEndpoint)
        {
            next = next with { HubEndpoint = HubEndpointSettingsValidator.Apply(next.HubEndpoint, hubEndpoint, problems) };
        }

        if (update.Hardware is { } hardware)
        {
            if (hardware.Ram is { } ram and (< MinHardwareRam or > MaxHardwareBytes))
            {
                problems["hardware.ram"] = $"hardware.ram must be null (measured) or a byte count from {MinHardwareRam} to {MaxHardwareBytes}, not {ram}";
            }
            else if (hardware.Vram is { } vram and (< 0 or > MaxHardwareBytes))
            {
                problems["hardware.vram"] = $"hardware.vram must be null (measured) or a byte count from 0 to {MaxHardwareBytes}, not {vram}";
            }
            else
            {
                next = next with { Hardware = hardware };
            }
        }

        errors = problems;
        result = problems.Count == 0 ? next : current;
        return problems.Count == 0;
    }

    /// <summary>Endpoint as given on the command line or in <c>HF_ENDPOINT</c>: same rule, trailing '/' dropped.</summary>
    public static bool TryNormalizeEndpoint(string endpoint, out string normalized)
    {
        normalized = "";
        var text = endpoint.Trim();
        if (text.Length == 0)
        {
            return true;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host)
            || !string.IsNullOrEmpty(uri.UserInfo)
            || !string.IsNullOrEmpty(uri.Query)
            || !string.IsNullOrEmpty(uri.Fragment))
        {
            return false;
        }

        // huggingface_hub strips the trailing slash of HF_ENDPOINT before building URLs; so do we.
        normalized = text.TrimEnd('/');
        return true;
    }

    internal static StringComparer PathComparer =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    internal static bool TryNormalizeDirectory(string value, HfEnvironment environment, out string path, out string error)
    {
        path = "";
        var text = environment.ExpandHome(value.Trim());
        if (text.Length == 0)
        {
            error = "must not be empty";
            return false;
        }

        if (text.Contains('\0', StringComparison.Ordinal) || !Path.IsPathFullyQualified(text))
        {
            error = $"'{value}' must be an absolute path";
            return false;
        }

        try
        {
            path = Path.TrimEndingDirectorySeparator(Path.GetFullPath(text));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            error = $"'{value}' is not a valid path";
            return false;
        }

        if (StorageDirectoryRule.Refusal(path, environment) is { } refusal)
        {
            error = refusal;
            path = "";
            return false;
        }

        error = "";
        return true;
    }

    private static bool TryNormalizeProxyUrl(string url, out string normalized)
    {
        normalized = url.Trim();
        if (normalized.Length == 0)
        {
            return true;
        }

        return Uri.TryCreate(normalized, UriKind.Absolute, out var uri)
            && ProxySchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase)
            && !string.IsNullOrEmpty(uri.Host);
    }

    private static HfDeskSettings CheckRange(
        int? value,
        string field,
        int min,
        int max,
        Dictionary<string, string> problems,
        HfDeskSettings settings,
        Func<HfDeskSettings, int, HfDeskSettings> apply)
    {
        if (value is not { } v)
        {
            return settings;
        }

        if (v < min || v > max)
        {
            problems[field] = $"{field} must be between {min} and {max} (got {v})";
            return settings;
        }

        return apply(settings, v);
    }
}
