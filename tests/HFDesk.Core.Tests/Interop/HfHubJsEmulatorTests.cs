using System.Security.Cryptography;
using HFDesk.HubEmulator;

namespace HFDesk.Core.Tests.Interop;

/// <summary>The emulator's fidelity, judged by the official @huggingface/hub client (tests/interop/check-emulator.mjs).</summary>
public sealed class HfHubJsEmulatorTests
{
    [Fact(Timeout = 600_000)]
    public async Task OfficialJsClient_DownloadsEveryStandardFixture_AndCacheScansClean()
    {
        var ct = TestContext.Current.CancellationToken;
        await NodeInterop.RequireNodeAsync(ct);
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        var cacheDir = Path.Combine(Path.GetTempPath(), "hfdesk-interop-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = await NodeInterop.RunScriptAsync(
                "check-emulator.mjs",
                [host.Endpoint.GetLeftPart(UriPartial.Authority), cacheDir, HubEmulatorTokens.Valid],
                TimeSpan.FromMinutes(8),
                ct);

            Assert.True(result.ExitCode == 0, result.Describe());
            Assert.Contains("interop: all checks passed", result.StandardOutput, StringComparison.Ordinal);

            foreach (var repo in host.Repos.All)
            {
                var folder = Path.Combine(cacheDir, $"{repo.Kind.ToString().ToLowerInvariant()}s--{repo.Id.Replace("/", "--", StringComparison.Ordinal)}");
                Assert.Equal(repo.Commit, await File.ReadAllTextAsync(Path.Combine(folder, "refs", "main"), ct));
                foreach (var file in repo.Files)
                {
                    var path = Path.Combine([folder, "snapshots", repo.Commit, .. file.Path.Split('/')]);
                    await using var stream = File.OpenRead(path);
                    var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
                    Assert.True(sha256 == file.Sha256, $"{repo}/{file.Path}: downloaded bytes differ from the fixture");
                }
            }
        }
        finally
        {
            if (Directory.Exists(cacheDir))
            {
                Directory.Delete(cacheDir, recursive: true);
            }
        }
    }
}
