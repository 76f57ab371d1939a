using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using HFDesk.Core.Storage;

namespace HFDesk.Core.Settings;

/// <summary>
/// Owns the settings: loads <c>config.json</c> from the data dir, lays the environment and the command line
/// over it (CLI &gt; environment &gt; config file &gt; defaults), applies validated changes one at a time,
/// saves them atomically and publishes each new revision so new work picks it up at once. The token has a
/// last fallback, the Hugging Face token file. Reading is pure (a published snapshot, no file system); the
/// token file is looked at again only when <see cref="RefreshTokenFile"/> is called (the server's refresh
/// service does so on a timer), so a login made while HFDesk runs counts without any getter touching disk.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim never allocates its wait handle (only WaitAsync is used), so there is nothing to dispose; the store lives as long as the process.")]
internal sealed class SettingsStore
{
    private readonly SemaphoreSlim _updateGate = new(1, 1);
    private readonly Lock _publishGate = new();
    private readonly SettingsOverrides _overrides;
    private readonly HfEnvironment _environment;
    private readonly HfTokenFile? _tokenFile;
    private Published _published;

    private SettingsStore(string dataDir, SettingsOverrides overrides, HfEnvironment environment, HfDeskSettings configured, string? loadWarning)
    {
        DataDir = dataDir;
        ConfigFilePath = Path.Combine(dataDir, DataDirectory.ConfigFileName);
        _overrides = overrides;
        _environment = environment;
        LoadWarning = loadWarning;

        // --token and HF_TOKEN are fixed for the process's life and beat the file: then it is never looked at.
        _tokenFile = overrides.Token is null && environment.Get(HfEnvironment.HfToken) is null
            ? HfTokenFile.Locate(environment)
            : null;
        var file = _tokenFile?.Read();
        _published = new Published(BuildSnapshot(1, configured, file), file);
    }

    public event EventHandler<SettingsChangedEventArgs>? Changed;

    public string DataDir { get; }

    public string ConfigFilePath { get; }

    /// <summary>Set when the config file could not be read or held invalid values (those fell back to defaults).</summary>
    public string? LoadWarning { get; }

    public SettingsSnapshot Snapshot => Volatile.Read(ref _published).Snapshot;

    /// <summary>Why the Hugging Face token file was ignored (unreadable, too large) at the last look, if it was.</summary>
    public string? TokenFileWarning => Volatile.Read(ref _published).File?.Error;

    public HfDeskSettings Current => Snapshot.Effective;

    public StorageRoots Roots => Snapshot.Roots;

    public long Revision => Snapshot.Revision;

    /// <summary>Resolves the data dir, reads its config file if any, and validates the command-line values.</summary>
    /// <exception cref="ArgumentException">A command-line value is invalid (a usage error).</exception>
    public static Task<SettingsStore> OpenAsync(SettingsOverrides overrides, HfEnvironment environment, CancellationToken cancellationToken) =>
        // The files involved are a few hundred bytes: one synchronous code path, kept off the caller's thread.
        Task.Run(() => Open(overrides, environment), cancellationToken);

    /// <summary>The synchronous form for hosts built synchronously (the web server's builder); the files are small.</summary>
    /// <exception cref="ArgumentException">A command-line value is invalid (a usage error).</exception>
    public static SettingsStore Open(SettingsOverrides overrides, HfEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(environment);

        overrides = NormalizeOverrides(overrides, environment);
        NormalizeTokenOverride(environment.Get(HfEnvironment.HfToken), HfEnvironment.HfToken);
        var dataDir = DataDirectory.Resolve(overrides.DataDir, environment);
        var configPath = Path.Combine(dataDir, DataDirectory.ConfigFileName);
        byte[]? content = null;
        string? readError = null;
        try
        {
            if (File.Exists(configPath))
            {
                content = File.ReadAllBytes(configPath);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            readError = ex.Message;
        }

        var (configured, warning) = Load(configPath, content, readError, environment);
        return new SettingsStore(dataDir, overrides, environment, configured, warning);
    }

    /// <summary>
    /// Applies a partial change. One invalid field rejects the whole update. Updates are serialized, so
    /// concurrent callers each see and extend the previous one's result (none is lost).
    /// </summary>
    public async Task<SettingsUpdateResult> UpdateAsync(SettingsUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        SettingsSnapshot next;
        bool persisted;
        await _updateGate.WaitAsync(cancellationToken);
        try
        {
            var current = Snapshot;
            if (!SettingsValidator.TryApply(current.Configured, update, _environment, out var configured, out var errors))
            {
                return new SettingsUpdateResult(false, false, SettingsUpdateResult.RejectedMessage, errors, current);
            }

            // The save is not cancellable past this point: a half-applied update would be worse than a slow one.
            // A few hundred bytes, written synchronously under the gate so saves land in update order.
            persisted = TrySave(configured);
            lock (_publishGate)
            {
                var file = _tokenFile?.Read();
                next = BuildSnapshot(_published.Snapshot.Revision + 1, configured, file);
                Volatile.Write(ref _published, new Published(next, file));
            }
        }
        finally
        {
            _updateGate.Release();
        }

        Changed?.Invoke(this, new SettingsChangedEventArgs(next));
        var message = persisted ? SettingsUpdateResult.SavedMessage : SettingsUpdateResult.NotPersistedMessage;
        if (update.Token is { Length: 0 } && next.TokenSource == SettingSource.TokenFile)
        {
            // "Remove token" that leaves a token in effect would otherwise look like it did nothing.
            message += SettingsUpdateResult.TokenFileStillApplies(next.TokenFile);
        }

        return new SettingsUpdateResult(true, persisted, message, new Dictionary<string, string>(), next);
    }

    /// <summary>
    /// Looks at the Hugging Face token file again (a stat; a read only when it changed) and, when the token in
    /// effect changed, publishes a new revision and raises <see cref="Changed"/>. Returns the snapshot now.
    /// </summary>
    public SettingsSnapshot RefreshTokenFile()
    {
        if (_tokenFile is null)
        {
            return Snapshot;
        }

        SettingsSnapshot next;
        lock (_publishGate)
        {
            // Read again under the gate: a read from before another thread's refresh must not publish older contents.
            var current = _published;
            var file = _tokenFile.Read();
            if (current.File == file)
            {
                return current.Snapshot;
            }

            var candidate = BuildSnapshot(current.Snapshot.Revision, current.Snapshot.Configured, file);
            var was = current.Snapshot;
            if (candidate.Effective.Token == was.Effective.Token && candidate.TokenSource == was.TokenSource && candidate.TokenFile == was.TokenFile)
            {
                // The file is shadowed (say by the config token) or was only touched: nothing in effect changed,
                // so no new revision and no Changed event.
                Volatile.Write(ref _published, current with { File = file });
                return current.Snapshot;
            }

            next = candidate with { Revision = current.Snapshot.Revision + 1 };
            Volatile.Write(ref _published, new Published(next, file));
        }

        Changed?.Invoke(this, new SettingsChangedEventArgs(next));
        return next;
    }

    private SettingsSnapshot BuildSnapshot(long revision, HfDeskSettings configured, HfTokenFileRead? tokenFile)
    {
        var roots = StorageRoots.Resolve(configured, _overrides, _environment);

        var (token, tokenSource) = (_overrides.Token, _environment.Get(HfEnvironment.HfToken), configured.Token, tokenFile?.Token) switch
        {
            ({ Length: > 0 } cli, _, _, _) => (cli, SettingSource.CommandLine),
            (_, { } env, _, _) => (env, SettingSource.Environment),
            (_, _, { Length: > 0 } config, _) => (config, SettingSource.ConfigFile),
            (_, _, _, { } file) => (file, SettingSource.TokenFile),
            _ => ((string?)null, SettingSource.Default),
        };

        var envEndpoint = _environment.Get(HfEnvironment.HfEndpoint) is { } raw && SettingsValidator.TryNormalizeEndpoint(raw, out var e) ? e : "";
        var (endpoint, endpointSource) = (_overrides.Endpoint, envEndpoint, configured.Endpoint) switch
        {
            ({ Length: > 0 } cli, _, _) => (cli, SettingSource.CommandLine),
            (_, { Length: > 0 } env, _) => (env, SettingSource.Environment),
            (_, _, { Length: > 0 } file) => (file, SettingSource.ConfigFile),
            _ => ("", SettingSource.Default),
        };

        var effective = configured with
        {
            Token = token,
            Endpoint = endpoint,
            CacheDir = roots.CacheDir,
            LocalDir = roots.LocalDir ?? "",
            LocalScanDirs = roots.LocalScanDirs,
            AllowRequestLocalDir = roots.AllowRequestLocalDir,
            MaxSpeed = _overrides.MaxSpeed is { Length: > 0 } maxSpeed ? maxSpeed : configured.MaxSpeed,
        };
        var tokenFilePath = tokenSource == SettingSource.TokenFile ? tokenFile?.Path : null;
        return new SettingsSnapshot(revision, configured, effective, roots, tokenSource, endpointSource, tokenFilePath);
    }

    private static SettingsOverrides NormalizeOverrides(SettingsOverrides overrides, HfEnvironment environment)
    {
        var endpoint = overrides.Endpoint;
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            if (!SettingsValidator.TryNormalizeEndpoint(endpoint, out var normalized))
            {
                throw new ArgumentException($"--endpoint '{endpoint}' must be an http(s):// URL", nameof(overrides));
            }

            endpoint = normalized;
        }

        return overrides with
        {
            Endpoint = endpoint,
            CacheDir = NormalizeDirectoryOverride(overrides.CacheDir, "--cache-dir", environment),
            LocalDir = NormalizeDirectoryOverride(overrides.LocalDir, "--local-dir", environment),
            Token = NormalizeTokenOverride(overrides.Token, "--token"),
        };
    }

    /// <summary>
    /// --token and HF_TOKEN are refused like a POSTed token (a usage error): a line break or blank inside would
    /// end up in every request's Authorization header.
    /// </summary>
    private static string? NormalizeTokenOverride(string? value, string source)
    {
        if (value?.Trim() is not { Length: > 0 } token)
        {
            return null;
        }

        return HfTokenText.IsValid(token) ? token : throw new ArgumentException(HfTokenText.Problem(token, source), nameof(value));
    }

    private static string? NormalizeDirectoryOverride(string? value, string option, HfEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // A relative path on the command line means relative to where the user ran the command.
        var expanded = environment.ExpandHome(value.Trim());
        var absolute = Path.IsPathFullyQualified(expanded) ? expanded : Path.GetFullPath(expanded);
        return SettingsValidator.TryNormalizeDirectory(absolute, environment, out var path, out var error)
            ? path
            : throw new ArgumentException($"{option} {error}", nameof(value));
    }

    private static (HfDeskSettings Settings, string? Warning) Load(
        string configPath, byte[]? content, string? readError, HfEnvironment environment)
    {
        if (readError is not null)
        {
            return (HfDeskSettings.Defaults, $"Could not read {configPath} ({readError}); using defaults");
        }

        if (content is null)
        {
            return (HfDeskSettings.Defaults, null);
        }

        HfDeskSettings? stored;
        try
        {
            stored = JsonSerializer.Deserialize(content, SettingsJsonContext.Default.HfDeskSettings);
        }
        catch (JsonException ex)
        {
            // Keep the unreadable file for the user to inspect; the next save would otherwise overwrite it.
            TryBackUp(configPath);
            return (HfDeskSettings.Defaults, $"Could not read {configPath} ({ex.Message}); using defaults");
        }

        if (stored is null)
        {
            return (HfDeskSettings.Defaults, null);
        }

        // A hand-edited file may hold values the API would refuse; those fall back to their defaults. Field by
        // field, so one bad value costs only itself and no list of field names has to mirror the validator's.
        var valid = HfDeskSettings.Defaults;
        var problems = new List<string>();
        // The source-generated reader sets an init-only property the file leaves out to 0 or null, not to its
        // default: only the fields the file names are its values (a partial file is normal, not a problem).
        var named = NamedFields(content);
        foreach (var (name, field) in FieldsOf(stored))
        {
            if (!named.Contains(name))
            {
                continue;
            }

            if (SettingsValidator.TryApply(valid, field, environment, out var next, out var errors))
            {
                valid = next;
            }
            else
            {
                problems.AddRange(errors.Values);
            }
        }

        var warning = problems.Count == 0 ? null : $"{configPath} has invalid values, using defaults for them: {string.Join("; ", problems)}";
        return (valid with { AllowRequestLocalDir = stored.AllowRequestLocalDir }, warning);
    }

    private static HashSet<string> NamedFields(byte[] content)
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        using var document = JsonDocument.Parse(content, options);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
            : [];
    }

    /// <summary>The stored settings as one single-field update per setting (the proxy URL apart from the rest of the proxy), by JSON name.</summary>
    private static IEnumerable<(string Name, SettingsUpdate Update)> FieldsOf(HfDeskSettings s)
    {
        yield return ("token", new SettingsUpdate { Token = s.Token ?? "" });
        yield return ("cacheDir", new SettingsUpdate { CacheDir = s.CacheDir ?? "" });
        yield return ("localDir", new SettingsUpdate { LocalDir = s.LocalDir ?? "" });
        yield return ("localScanDirs", new SettingsUpdate { LocalScanDirs = s.LocalScanDirs ?? [] });
        yield return ("connections", new SettingsUpdate { Connections = s.Connections });
        yield return ("maxActive", new SettingsUpdate { MaxActive = s.MaxActive });
        yield return ("maxConcurrentJobs", new SettingsUpdate { MaxConcurrentJobs = s.MaxConcurrentJobs });
        yield return ("multipartThreshold", new SettingsUpdate { MultipartThreshold = s.MultipartThreshold ?? "" });
        yield return ("maxSpeed", new SettingsUpdate { MaxSpeed = s.MaxSpeed ?? "" });
        yield return ("verify", new SettingsUpdate { Verify = s.Verify.ToString() });
        yield return ("retries", new SettingsUpdate { Retries = s.Retries });
        yield return ("stallTimeout", new SettingsUpdate { StallTimeout = s.StallTimeout ?? "" });
        yield return ("endpoint", new SettingsUpdate { Endpoint = s.Endpoint ?? "" });
        if (s.Proxy is { } p)
        {
            yield return ("proxy", new SettingsUpdate
            {
                Proxy = new ProxySettingsUpdate
                {
                    Username = p.Username ?? "",
                    Password = p.Password ?? "",
                    NoProxy = p.NoProxy ?? "",
                    NoEnvProxy = p.NoEnvProxy,
                    InsecureSkipVerify = p.InsecureSkipVerify,
                },
            });
            yield return ("proxy", new SettingsUpdate { Proxy = new ProxySettingsUpdate { Url = p.Url ?? "" } });
        }

        if (s.HubEndpoint is { } h)
        {
            yield return ("hubEndpoint", new SettingsUpdate { HubEndpoint = new HubEndpointSettingsUpdate { Enabled = h.Enabled, Anonymous = h.Anonymous } });
            yield return ("hubEndpoint", new SettingsUpdate { HubEndpoint = new HubEndpointSettingsUpdate { Mode = h.Mode ?? HubEndpointSettings.PullThroughMode } });
            yield return ("hubEndpoint", new SettingsUpdate { HubEndpoint = new HubEndpointSettingsUpdate { Tokens = h.Tokens ?? [] } });
            yield return ("hubEndpoint", new SettingsUpdate { HubEndpoint = new HubEndpointSettingsUpdate { AllowPrivate = h.AllowPrivate ?? [] } });
        }

        if (s.Hardware is { } hardware)
        {
            yield return ("hardware", new SettingsUpdate { Hardware = hardware });
        }
    }

    private bool TrySave(HfDeskSettings configured)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(DataDir);
            }
            else
            {
                Directory.CreateDirectory(DataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            // The file holds the token: owner-only from the moment it exists, not chmod-ed afterwards.
            AtomicFile.WriteAllBytes(
                ConfigFilePath,
                JsonSerializer.SerializeToUtf8Bytes(configured, SettingsJsonContext.Default.HfDeskSettings),
                DataDir,
                durable: true,
                unixCreateMode: UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    private static void TryBackUp(string path)
    {
        try
        {
            File.Copy(path, path + ".invalid", overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: failing to back up must not stop the server from starting.
        }
    }

    /// <summary>A snapshot and the token file read it was built from, swapped as one so they never disagree.</summary>
    private sealed record Published(SettingsSnapshot Snapshot, HfTokenFileRead? File);
}
