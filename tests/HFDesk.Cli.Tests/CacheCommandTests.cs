using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HFDesk.Core.Hub;
using HFDesk.Core.Jobs;
using Spectre.Console.Cli.Testing;
using Spectre.Console.Testing;

namespace HFDesk.Cli.Tests;

public sealed class CacheCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hfdesk-cache-cli-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly string _cacheDir;

    public CacheCommandTests()
    {
        _cacheDir = Path.Combine(_root, "cache");
        AddRepo("acme/tiny", [("config.json", "{}"), ("model-Q4_K_M.gguf", "weights!")], withFriendlyView: true);
        AddRepo("other/foreign", [("README.md", "# hello")], withFriendlyView: false);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private string[] Args(params string[] args) => [.. args, "--cache-dir", _cacheDir, "--data-dir", Path.Combine(_root, "data")];

    private string FriendlyDir(string repo) => Path.Combine(_cacheDir, "models", repo.Replace('/', Path.DirectorySeparatorChar));

    private string RepoDir(string repo) => Path.Combine(_cacheDir, "hub", "models--" + repo.Replace("/", "--", StringComparison.Ordinal));

    /// <summary>A repo in HF layout (blobs, relative links, refs/main), optionally with HFDesk's friendly view and manifest.</summary>
    private void AddRepo(string repo, (string Path, string Content)[] files, bool withFriendlyView)
    {
        var commit = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(repo)))[..40];
        var repoDir = RepoDir(repo);
        var blobs = Directory.CreateDirectory(Path.Combine(repoDir, "blobs")).FullName;
        var snapshot = Directory.CreateDirectory(Path.Combine(repoDir, "snapshots", commit)).FullName;
        Directory.CreateDirectory(Path.Combine(repoDir, "refs"));
        File.WriteAllText(Path.Combine(repoDir, "refs", "main"), commit);
        foreach (var (path, content) in files)
        {
            var blob = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
            File.WriteAllText(Path.Combine(blobs, blob), content);
            File.CreateSymbolicLink(Path.Combine(snapshot, path), Path.Combine("..", "..", "blobs", blob));
        }

        if (withFriendlyView)
        {
            var friendly = Directory.CreateDirectory(FriendlyDir(repo)).FullName;
            foreach (var (path, _) in files)
            {
                File.CreateSymbolicLink(Path.Combine(friendly, path), Path.GetRelativePath(friendly, Path.Combine(snapshot, path)));
            }

            File.WriteAllText(
                Path.Combine(friendly, ".hfdesk-manifest.json"),
                $$"""{"repo":"{{repo}}","type":"Model","revision":"main","commit":"{{commit}}","complete":true,"repoFileCount":{{files.Length}},"files":[]}""");
        }
    }

    [Fact]
    public async Task List_Json_PrintsApiShapeWithStatuses()
    {
        var result = await CliTestApp.Create().RunAsync(Args("cache", "list", "--json"), TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var repos = json.RootElement.GetProperty("repos").EnumerateArray().ToList();
        Assert.Equal(["acme/tiny:complete", "other/foreign:unknown"], repos.Select(r => $"{r.GetProperty("repo").GetString()}:{r.GetProperty("downloadStatus").GetString()}"));
        Assert.Equal(["Q4_K_M"], repos[0].GetProperty("quantizations").EnumerateArray().Select(q => q.GetString()));
        Assert.Equal(2, json.RootElement.GetProperty("stats").GetProperty("totalModels").GetInt32());
        Assert.Equal(Path.Combine(_cacheDir, "hub"), json.RootElement.GetProperty("effectiveHubDir").GetString());
    }

    [Fact]
    public async Task List_Table_ShowsReposAndSummary()
    {
        var result = await CliTestApp.Create().RunAsync(Args("cache", "list", "--search", "tiny"), TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("acme/tiny", result.Output, StringComparison.Ordinal);
        Assert.Contains("complete", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("other/foreign", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 models, 0 datasets", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_KnownRepoListsFiles_UnknownExitsOne()
    {
        var shown = await CliTestApp.Create().RunAsync(Args("cache", "show", "acme/tiny"), TestContext.Current.CancellationToken);
        var missing = await CliTestApp.Create().RunAsync(Args("cache", "show", "acme/none"), TestContext.Current.CancellationToken);

        Assert.Equal(0, shown.ExitCode);
        Assert.Contains("model-Q4_K_M.gguf", shown.Output, StringComparison.Ordinal);
        Assert.Contains(FriendlyDir("acme/tiny"), shown.Output, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("not in the cache", missing.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_DeletesRepo_AndInvalidIdIsUsageError()
    {
        var removed = await CliTestApp.Create().RunAsync(Args("cache", "rm", "acme/tiny", "--yes"), TestContext.Current.CancellationToken);
        var invalid = await CliTestApp.Create().RunAsync(Args("cache", "rm", "../etc", "--yes"), TestContext.Current.CancellationToken);
        var again = await CliTestApp.Create().RunAsync(Args("cache", "rm", "acme/tiny", "--yes"), TestContext.Current.CancellationToken);

        Assert.Equal(0, removed.ExitCode);
        Assert.False(Directory.Exists(RepoDir("acme/tiny")));
        Assert.False(Directory.Exists(FriendlyDir("acme/tiny")));
        Assert.True(Directory.Exists(RepoDir("other/foreign")));
        Assert.Equal(2, invalid.ExitCode);
        Assert.Equal(1, again.ExitCode);
    }

    // Regression (issue 12 item 1): `cache rm` names the copy as DELETE /api/cache does; a folder HFDesk did not write stays.
    [Fact]
    public async Task Remove_LocalSourceWithoutManifest_RefusedAndKeptAndBadSourceIsUsageError()
    {
        var local = Path.Combine(_root, "local");
        var foreign = Directory.CreateDirectory(Path.Combine(local, "acme", "tiny")).FullName;
        File.WriteAllText(Path.Combine(foreign, "notes.txt"), "not HFDesk's");
        string[] withLocal = ["--local-dir", local];

        var refused = await CliTestApp.Create().RunAsync([.. Args("cache", "rm", "acme/tiny", "--source", "Local", "--yes"), .. withLocal], TestContext.Current.CancellationToken);
        var badSource = await CliTestApp.Create().RunAsync([.. Args("cache", "rm", "acme/tiny", "--source", "all", "--yes"), .. withLocal], TestContext.Current.CancellationToken);
        var hubOnly = await CliTestApp.Create().RunAsync([.. Args("cache", "rm", "acme/tiny", "--yes"), .. withLocal], TestContext.Current.CancellationToken);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("not written by HFDesk", refused.Output, StringComparison.Ordinal);
        Assert.Equal(2, badSource.ExitCode);
        Assert.Equal(0, hubOnly.ExitCode);
        Assert.False(Directory.Exists(RepoDir("acme/tiny")));
        Assert.True(File.Exists(Path.Combine(foreign, "notes.txt")));
    }

    [Theory]
    [InlineData("Paused", 1)]
    [InlineData("Queued", 1)]
    [InlineData("Completed", 0)]
    public async Task Remove_RepoWithAServerJobInTheDataDir_RefusedUnlessTheJobEnded(string status, int exitCode)
    {
        // What `hfdesk serve` on the same data directory leaves in its job store: a job that still needs the files.
        var store = JobStore.InDataDirectory(Path.Combine(_root, "data"));
        await store.SaveAsync(
            new Job
            {
                Id = JobId.New(),
                Sequence = 1,
                Request = new JobRequest { Repo = RepoId.Parse("acme/tiny") },
                Destination = new JobDestination(FriendlyDir("acme/tiny"), Path.Combine(_cacheDir, "hub"), Flat: false),
                Status = Enum.Parse<JobStatus>(status),
                CreatedAt = DateTimeOffset.UnixEpoch,
            },
            TestContext.Current.CancellationToken);

        var result = await CliTestApp.Create().RunAsync(Args("cache", "rm", "acme/tiny", "--yes"), TestContext.Current.CancellationToken);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(exitCode != 0, Directory.Exists(RepoDir("acme/tiny")));
        if (exitCode != 0)
        {
            Assert.Contains("active download", result.Output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("n", 1, true)]
    [InlineData("", 1, true)]
    [InlineData("y", 0, false)]
    public async Task Remove_OnATerminal_AsksFirstAndDeletesOnlyOnYes(string answer, int exitCode, bool kept)
    {
        var console = new TestConsole().Width(250).Interactive();
        console.Input.PushTextWithEnter(answer);

        var result = await RunAsync(console, Args("cache", "rm", "acme/tiny"));

        Assert.Contains("Delete acme/tiny (HF cache", result.Output, StringComparison.Ordinal);
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(kept, Directory.Exists(RepoDir("acme/tiny")));
        Assert.True(Directory.Exists(RepoDir("other/foreign")));
    }

    [Fact]
    public async Task Remove_NotATerminalWithoutYes_RefusesWithUsageExitAndDeletesNothing()
    {
        var result = await RunAsync(new TestConsole().Width(250), Args("cache", "rm", "acme/tiny"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--yes", result.Output, StringComparison.Ordinal);
        Assert.True(Directory.Exists(RepoDir("acme/tiny")));
        Assert.True(Directory.Exists(FriendlyDir("acme/tiny")));
    }

    [Fact]
    public async Task List_At80Columns_NoLineLongerThan80AndEveryRepoIdOnOneLine()
    {
        const string longId = "bartowski/Llama-3.2-1B-Instruct-GGUF";
        AddRepo(longId, [("Llama-3.2-1B-Instruct-Q4_K_M.gguf", "q4"), ("Llama-3.2-1B-Instruct-Q8_0.gguf", "q8"), ("Llama-3.2-1B-Instruct-IQ2_XXS.gguf", "iq2")], withFriendlyView: false);
        AddRepo("gpt2", [("config.json", "{\"model_type\":\"gpt2\"}")], withFriendlyView: false);

        var result = await RunAsync(new TestConsole().Width(80), Args("cache", "list"));

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n');
        Assert.All(lines, line => Assert.True(line.TrimEnd('\r').Length <= 80, $"{line.Length} columns: {line}"));
        foreach (var id in new[] { longId, "acme/tiny", "other/foreign", "gpt2" })
        {
            Assert.Contains(lines, line => line.Contains(id, StringComparison.Ordinal));
        }

        Assert.Contains(lines, line => line.Contains("Q4_K_M", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ShowAndRemove_RepoWithoutOwner_ModelsDashDashName()
    {
        AddRepo("gpt2", [("config.json", "{}")], withFriendlyView: false);

        var shown = await CliTestApp.Create().RunAsync(Args("cache", "show", "gpt2"), TestContext.Current.CancellationToken);
        var removed = await CliTestApp.Create().RunAsync(Args("cache", "rm", "gpt2", "--yes"), TestContext.Current.CancellationToken);

        Assert.Equal(0, shown.ExitCode);
        Assert.Contains(RepoDir("gpt2"), shown.Output, StringComparison.Ordinal);
        Assert.Equal(0, removed.ExitCode);
        Assert.False(Directory.Exists(RepoDir("gpt2")));
        Assert.True(Directory.Exists(RepoDir("acme/tiny")));
    }

    private static async Task<CommandAppResult> RunAsync(TestConsole console, string[] args)
    {
        var app = new CommandAppTester(registrar: null, settings: null, console: console);
        app.Configure(HfDeskCommandApp.Configure);
        return await app.RunAsync(args, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Rebuild_RecreatesFriendlyViewOfForeignRepo()
    {
        var result = await CliTestApp.Create().RunAsync(Args("cache", "rebuild", "--clean", "--json"), TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(2, json.RootElement.GetProperty("repos").GetInt32());
        Assert.Equal("# hello", await File.ReadAllTextAsync(Path.Combine(FriendlyDir("other/foreign"), "README.md"), TestContext.Current.CancellationToken));
    }
}
