using HFDesk.Core.Settings;
using Microsoft.Extensions.Time.Testing;

namespace HFDesk.Server.Tests;

public sealed class TokenFileRefreshServiceTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hfdesk-token-refresh-" + Guid.NewGuid().ToString("N")[..10]);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Tick_LoginWhileServerRuns_PublishesTheFileTokenWithoutAnyRead()
    {
        var ct = TestContext.Current.CancellationToken;
        var tokenFile = Path.Combine(_root, "hf", "token");
        var env = new HfEnvironment(new Dictionary<string, string> { ["HF_TOKEN_PATH"] = tokenFile }, Path.Combine(_root, "home"));
        var store = await SettingsStore.OpenAsync(SettingsOverrides.None with { DataDir = Path.Combine(_root, "data") }, env, ct);
        var changed = new TaskCompletionSource<SettingsSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Changed += (_, e) => changed.TrySetResult(e.Snapshot);
        var time = new FakeTimeProvider();
        using var service = new TokenFileRefreshService(store, time);
        await service.StartAsync(ct);

        Directory.CreateDirectory(Path.GetDirectoryName(tokenFile)!);
        await File.WriteAllTextAsync(tokenFile, "hf_loggedinwhilerunning\n", ct);
        Assert.Null(store.Current.Token);

        // The service creates its timer on its own thread once started; under load that can come after a single
        // Advance, which the fake clock would then never repeat. Tick until the change arrives (bounded).
        for (var tick = 0; tick < 200 && !changed.Task.IsCompleted; tick++)
        {
            time.Advance(TokenFileRefreshService.Interval);
            await Task.WhenAny(changed.Task, Task.Delay(100, ct));
        }

        var snapshot = await changed.Task.WaitAsync(TimeSpan.FromSeconds(20), ct);
        Assert.Equal(("hf_loggedinwhilerunning", SettingSource.TokenFile), (snapshot.Effective.Token, snapshot.TokenSource));
        await service.StopAsync(ct);
    }
}
