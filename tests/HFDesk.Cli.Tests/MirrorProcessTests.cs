using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace HFDesk.Cli.Tests;

/// <summary>
/// <c>hfdesk mirror push|pull</c> as a real child process, killed (SIGKILL: no finally block runs, exactly what a
/// crash or a pulled plug leaves) or interrupted (SIGINT, as Ctrl-C) while a file is half copied. The run is
/// throttled with <c>--max-speed</c> so the 8 MiB file takes seconds, and the test acts on the process's own
/// <c>--json</c> progress line saying it is inside that file, never on a timer.
/// </summary>
public sealed class MirrorProcessTests : IDisposable
{
    private const string BigRepoFolder = "models--acme--b-big";
    private static readonly byte[] Config = """{"model_type":"llama"}"""u8.ToArray();
    private readonly MirrorCliCaches _caches = new();
    private readonly byte[] _big = MirrorCliCaches.Bytes(8 << 20, 7);

    public void Dispose() => _caches.Dispose();

    [Theory(Timeout = 120_000)]
    [InlineData("push")]
    [InlineData("pull")]
    public async Task KilledMidFile_LeavesNoPartialUnderAFinalName_AndRerunCopiesOnlyWhatIsMissing(string direction)
    {
        var ct = TestContext.Current.CancellationToken;
        var (source, destination) = direction == "push" ? (_caches.HubDir, _caches.TargetHub) : (_caches.TargetHub, _caches.HubDir);
        await SetUpAsync(source);

        using (var process = _caches.Start("mirror", direction, "nas", "--json", "--max-speed", "2MiB"))
        {
            await ReadUntilMidFileAsync(process, ct);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(ct);
        }

        // The kill landed inside the big file: its bytes are in a temp name, never under the blob's name.
        Assert.Contains(MirrorCliCaches.Temps(destination), t => Path.GetFileName(t).StartsWith("." + BigBlob, StringComparison.Ordinal));
        MirrorCliCaches.AssertConsistent(destination);
        Assert.DoesNotContain((BigRepoFolder, BigBlob), MirrorCliCaches.Blobs(destination).Keys);
        Assert.False(File.Exists(Path.Combine(destination, BigRepoFolder, "refs", "main")), "no ref may point at a snapshot whose files did not all arrive");
        var present = MirrorCliCaches.Blobs(destination);
        var missing = MirrorCliCaches.Blobs(source).Where(b => !present.ContainsKey(b.Key)).ToList();

        var rerun = await RunAsync(ct, "mirror", direction, "nas", "--json");

        Assert.Equal(0, rerun.ExitCode);
        var final = JsonDocument.Parse(rerun.Output.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal("mirror_finished", final.GetProperty("type").GetString());
        var operation = final.GetProperty("operation");
        Assert.Equal("completed", operation.GetProperty("status").GetString());
        Assert.Equal(missing.Count, operation.GetProperty("copied").GetInt32());
        Assert.Equal(missing.Sum(b => b.Value), operation.GetProperty("copiedBytes").GetInt64());
        MirrorCliCaches.AssertConsistent(destination);
        if (direction == "push")
        {
            // The push holds the target's lock, so every temp of ours there is a dead run's and goes.
            Assert.Empty(MirrorCliCaches.Temps(destination));
        }

        // The pull leaves a young temp in the local cache (another pull might own it): the diff ignores it.
        var diff = await RunAsync(ct, "mirror", "diff", "nas", "--json");
        Assert.Equal(0, diff.ExitCode);
        var states = JsonDocument.Parse(diff.Output).RootElement.GetProperty("repos").EnumerateArray().Select(r => r.GetProperty("state").GetString()).ToList();
        Assert.Equal(["same", "same", "same"], states);
    }

    [Fact(Timeout = 120_000)]
    public async Task Push_SigintMidFile_Exits130_CancelledAsLastLine_NoPartialAndNoTemp()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGINT is a Unix signal; Windows delivers Ctrl-C to a console group");
        Assert.SkipWhen(InheritedSignals.SigintIgnored, InheritedSignals.SigintIgnoredReason);
        var ct = TestContext.Current.CancellationToken;
        await SetUpAsync(_caches.HubDir);

        using var process = _caches.Start("mirror", "push", "nas", "--json", "--max-speed", "2MiB");
        var lines = await ReadUntilMidFileAsync(process, ct);
        using (var kill = Process.Start("kill", ["-s", "INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(ct);
        }

        while (await process.StandardOutput.ReadLineAsync(ct) is { } line)
        {
            lines.Add(JsonDocument.Parse(line).RootElement.Clone());
        }

        await process.WaitForExitAsync(ct);
        Assert.Equal(130, process.ExitCode);
        Assert.Equal("mirror_finished", lines[^1].GetProperty("type").GetString());
        Assert.Equal("cancelled", lines[^1].GetProperty("operation").GetProperty("status").GetString());
        Assert.All(lines[..^1], l => Assert.Equal("mirror_progress", l.GetProperty("type").GetString()));
        // A cancel runs the copy's cleanup: no temp, no partial, no ref for the unfinished repo.
        Assert.Empty(MirrorCliCaches.Temps(_caches.TargetHub));
        MirrorCliCaches.AssertConsistent(_caches.TargetHub);
        Assert.DoesNotContain((BigRepoFolder, BigBlob), MirrorCliCaches.Blobs(_caches.TargetHub).Keys);
        Assert.False(File.Exists(Path.Combine(_caches.TargetHub, BigRepoFolder, "refs", "main")));
    }

    private string BigBlob => MirrorCliCaches.BlobName(_big, lfs: true);

    private async Task SetUpAsync(string sourceHub)
    {
        MirrorCliCaches.AddRepo(sourceHub, "acme/a-small", ("config.json", Config, false));
        MirrorCliCaches.AddRepo(sourceHub, "acme/b-big", ("big.bin", _big, true), ("config.json", Config, false));
        MirrorCliCaches.AddRepo(sourceHub, "acme/c-after", ("README.md", "# c"u8.ToArray(), false));
        var added = await RunAsync(TestContext.Current.CancellationToken, "mirror", "add", "nas", _caches.TargetDir);
        Assert.Equal(0, added.ExitCode);
    }

    private Task<Spectre.Console.Cli.Testing.CommandAppResult> RunAsync(CancellationToken ct, params string[] args) =>
        CliTestApp.Create().RunAsync(_caches.Args(args), ct);

    /// <summary>
    /// Reads the child's <c>--json</c> lines until one shows more than 1 MiB done: only the 8 MiB file has that many
    /// bytes, and it is not finished while the count is below its size.
    /// </summary>
    private async Task<List<JsonElement>> ReadUntilMidFileAsync(Process process, CancellationToken ct)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(TimeSpan.FromSeconds(60));
        var lines = new List<JsonElement>();
        while (await process.StandardOutput.ReadLineAsync(bound.Token) is { } line)
        {
            var e = JsonDocument.Parse(line).RootElement.Clone();
            lines.Add(e);
            var done = e.GetProperty("operation").GetProperty("progress").GetProperty("bytesDone").GetInt64();
            if (e.GetProperty("type").GetString() == "mirror_progress" && done > (1 << 20))
            {
                Assert.True(done < _big.Length, $"the big file was already done ({done} bytes) when the first mid-file line came");
                return lines;
            }
        }

        Assert.Fail($"hfdesk ended before the big file was under way: {await process.StandardError.ReadToEndAsync(ct)}");
        return lines;
    }
}
