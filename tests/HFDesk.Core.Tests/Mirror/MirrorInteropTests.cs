using System.Text;
using System.Text.Json;
using HFDesk.Core.Mirror;
using HFDesk.Core.Tests.Interop;
using B = HFDesk.Core.Tests.Mirror.MirrorCacheBuilder;

namespace HFDesk.Core.Tests.Mirror;

/// <summary>A pushed target is a Hugging Face cache: the official @huggingface/hub scanner reads it without a warning.</summary>
public sealed class MirrorInteropTests
{
    [Fact(Timeout = 600_000)]
    public async Task PushedTarget_ScannedByOfficialJsClient_NoWarningsAndRightFiles()
    {
        var ct = TestContext.Current.CancellationToken;
        await NodeInterop.RequireNodeAsync(ct);
        using var h = await MirrorHarness.CreateAsync();
        var config = Encoding.UTF8.GetBytes("{\"model_type\":\"llama\"}");
        var weights = B.Bytes(250_000, 9);
        var c1 = B.CommitOf("c1");
        var c2 = B.CommitOf("c2");
        B.AddSnapshot(h.HubDir, "acme/tiny", c1, [("config.json", config, false)], refName: null);
        B.AddSnapshot(h.HubDir, "acme/tiny", c2, [("config.json", config, false), ("w.safetensors", weights, true)]);
        // A degraded (no-symlink) source repo: its real files must arrive as files the scanner resolves.
        B.AddSnapshot(h.HubDir, "acme/degraded", c1, [("config.json", config, false), ("w.bin", weights, true)], symlinks: false);
        B.AddSnapshot(h.HubDir, "acme/data", c1, [("train.parquet", weights, true)], type: "dataset");

        var pushed = await h.PushAsync(verify: true);
        Assert.Equal(MirrorOperationStatus.Completed, pushed.Status);

        var expected = new object[]
        {
            new { type = "model", name = "acme/tiny", commit = c2, @ref = "main", files = new[] { new { path = "config.json", size = config.Length }, new { path = "w.safetensors", size = weights.Length } } },
            new { type = "model", name = "acme/tiny", commit = c1, @ref = (string?)null, files = new[] { new { path = "config.json", size = config.Length } } },
            new { type = "model", name = "acme/degraded", commit = c1, @ref = "main", files = new[] { new { path = "config.json", size = config.Length }, new { path = "w.bin", size = weights.Length } } },
            new { type = "dataset", name = "acme/data", commit = c1, @ref = "main", files = new[] { new { path = "train.parquet", size = weights.Length } } },
        };
        var expectedPath = Path.Combine(h.Root, "expected.json");
        await File.WriteAllTextAsync(expectedPath, JsonSerializer.Serialize(expected), ct);

        var result = await NodeInterop.RunScriptAsync("check-hfdesk-cache.mjs", ["scan", h.TargetHub, expectedPath], TimeSpan.FromMinutes(5), ct);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("interop: ok", result.StandardOutput, StringComparison.Ordinal);
    }
}
