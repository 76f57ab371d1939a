using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using HFDesk.Core.Downloads;
using HFDesk.Core.Jobs;
using HFDesk.Core.Mirror;
using HFDesk.HubEmulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HFDesk.UiTests;

/// <summary>
/// The Mirror page against real folders: the local cache is written by hand into the app's hub dir, the target is a
/// folder next to it, and every push and pull is HFDesk's own, watched through the page's live progress.
/// </summary>
[Collection(UiTestGroup.Name)]
public sealed partial class MirrorTests(BrowserFixture browser)
{
    private const string Alpha = "local/alpha";
    private const string Beta = "nas/beta";

    // 1,000 files of 16 KiB under a 2 MB/s cap: about 8 s on any disk, long enough to be caught running and
    // cancelled (uncapped, an idle machine's push ended before the click), short enough for CI.
    private const int SlowPushFiles = 1000;

    private const long SlowPushBytesPerSecond = 2_000_000;

    private const int SlowPushFileBytes = 16 * 1024;

    private static readonly LocatorAssertionsToHaveAttributeOptions OperationWait = new() { Timeout = 60_000 };

    [Fact(Timeout = 180_000)]
    public async Task Mirror_AddDiffPreviewPushPullRemove_TargetEndsInStep()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await UiApp.StartAsync(browser.Browser, ct);
        var page = app.Page;
        var local = new HubCacheWriter(app.HubDir);
        var weights = HubCacheWriter.Content(256 * 1024);
        var config = Encoding.UTF8.GetBytes("{\"model_type\":\"llama\"}");
        local.AddModel(Alpha, [("model.safetensors", weights), ("config.json", config)]);
        var targetDir = Directory.CreateDirectory(Path.Combine(app.Root, "nas")).FullName;
        var remote = new HubCacheWriter(Path.Combine(targetDir, "hub"));

        await app.GotoAsync("#/mirror");
        await Expect(page.GetByText("No targets yet")).ToBeVisibleAsync();
        await AddTargetAsync(page, "nas", targetDir, "The NAS in the cellar");

        var target = page.Locator("li.mirror-target[data-target=nas]");
        await Expect(target).ToContainTextAsync("The NAS in the cellar");
        await Expect(target).ToContainTextAsync(targetDir);
        await Expect(target.Locator("[data-testid=target-free]")).ToContainTextAsync("free of");
        await Expect(target).ToContainTextAsync("writable");
        await Expect(target.GetByText(SymlinkBadge())).ToBeVisibleAsync();

        // The diff: the repo exists only here, with what a push would move.
        var alphaRow = page.Locator($"tr[data-repo='{Alpha}']");
        await Expect(alphaRow).ToHaveAttributeAsync("data-state", "missing");
        await Expect(alphaRow).ToContainTextAsync("2 files");
        await Expect(page.Locator("[data-testid=summary-missing]")).ToHaveTextAsync("1");
        await app.ScreenshotAsync("mirror-diff");

        // The dry run shows the exact plan and changes nothing on the target.
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview push" }).ClickAsync();
        var plan = page.Locator(".mirror-plan[data-kind=push]");
        await Expect(plan.Locator($"tr[data-repo='{Alpha}']")).ToContainTextAsync("2");
        await Expect(plan.Locator("[data-testid=plan-total]")).ToContainTextAsync("2 files");
        await app.ScreenshotAsync("mirror-push-plan");
        Assert.False(Directory.Exists(remote.RepoDir(Alpha)), "a dry run must not write to the target");

        await plan.GetByRole(AriaRole.Button, new() { Name = "Start push" }).ClickAsync();
        var operation = page.Locator(".mirror-operation");
        await Expect(operation).ToHaveAttributeAsync("data-status", "completed", OperationWait);
        await Expect(operation).ToContainTextAsync("Push to nas");
        await Expect(operation.Locator("[role=progressbar]")).ToHaveAttributeAsync("aria-valuenow", "100");
        await Expect(operation.Locator("[data-testid=operation-result]")).ToContainTextAsync("Copied 2 files");
        await Expect(operation.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeHiddenAsync();

        // The page compares again by itself once the push ended.
        await Expect(alphaRow).ToHaveAttributeAsync("data-state", "same", OperationWait);
        await app.ScreenshotAsync("mirror-pushed");
        var pushedWeights = Path.Combine(remote.RepoDir(Alpha), "snapshots", HubCacheWriter.CommitOf(Alpha), "model.safetensors");
        Assert.Equal(weights, await File.ReadAllBytesAsync(pushedWeights, ct));

        // A repo that only the NAS has comes back with a pull.
        var betaWeights = HubCacheWriter.Content(64 * 1024);
        remote.AddModel(Beta, [("model.safetensors", betaWeights)]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare", Exact = true }).ClickAsync();
        var betaRow = page.Locator($"tr[data-repo='{Beta}']");
        await Expect(betaRow).ToHaveAttributeAsync("data-state", "extra");

        await page.GetByRole(AriaRole.Button, new() { Name = "Preview pull" }).ClickAsync();
        var pullPlan = page.Locator(".mirror-plan[data-kind=pull]");
        await Expect(pullPlan.Locator($"tr[data-repo='{Beta}']")).ToBeVisibleAsync();
        await Expect(pullPlan.Locator($"tr[data-repo='{Alpha}']")).ToHaveCountAsync(0);
        await pullPlan.GetByRole(AriaRole.Button, new() { Name = "Start pull" }).ClickAsync();
        await Expect(operation).ToContainTextAsync("Pull from nas", new() { Timeout = 60_000 });
        await Expect(operation).ToHaveAttributeAsync("data-status", "completed", OperationWait);
        await Expect(betaRow).ToHaveAttributeAsync("data-state", "same", OperationWait);
        await Expect(alphaRow).ToHaveAttributeAsync("data-state", "same");
        var pulled = Path.Combine(local.RepoDir(Beta), "snapshots", HubCacheWriter.CommitOf(Beta), "model.safetensors");
        Assert.Equal(betaWeights, await File.ReadAllBytesAsync(pulled, ct));

        // A new revision on one side makes the repo outdated.
        local.AddModel(Alpha, [("model.safetensors", HubCacheWriter.Content(1024)), ("config.json", config)], HubCacheWriter.CommitOf("alpha v2"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare", Exact = true }).ClickAsync();
        await Expect(alphaRow).ToHaveAttributeAsync("data-state", "outdated");
        await Expect(alphaRow).ToContainTextAsync(HubCacheWriter.CommitOf("alpha v2")[..10]);
        await Expect(page.Locator("[data-testid=summary-outdated]")).ToHaveTextAsync("1");

        // Removing the target forgets it and leaves its files alone; cancelling the confirmation keeps it.
        await target.GetByRole(AriaRole.Button, new() { Name = "Remove target nas" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(target).ToBeVisibleAsync();
        await target.GetByRole(AriaRole.Button, new() { Name = "Remove target nas" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Nothing is deleted");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Expect(page.GetByText("No targets yet")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(MirrorRoute());
        Assert.True(File.Exists(pushedWeights), "removing a target must never touch its files");
    }

    [Fact(Timeout = 180_000)]
    public async Task Mirror_PushCancelledMidway_ShowsCancelledAndRerunCopiesTheRest()
    {
        var ct = TestContext.Current.CancellationToken;

        // Capped so Cancel lands mid-way on any disk (uncapped, an idle machine finished before the click).
        await using var app = await UiApp.StartAsync(browser.Browser, ct, configureServices: services => services.AddSingleton(sp =>
            new MirrorOperations(
                sp.GetRequiredService<MirrorEngine>(),
                sp.GetService<JobEvents>(),
                new BandwidthLimiter(TimeProvider.System) { BytesPerSecond = SlowPushBytesPerSecond })));
        var page = app.Page;
        var local = new HubCacheWriter(app.HubDir);
        var files = Enumerable.Range(0, SlowPushFiles).Select(i => ($"shards/part-{i:D4}.bin", HubCacheWriter.Content(SlowPushFileBytes))).ToArray();
        local.AddModel(Alpha, files);
        var targetDir = Directory.CreateDirectory(Path.Combine(app.Root, "usb")).FullName;

        await app.GotoAsync("#/mirror");
        await AddTargetAsync(page, "usb", targetDir, "");
        await Expect(page.Locator($"tr[data-repo='{Alpha}']")).ToHaveAttributeAsync("data-state", "missing");

        await page.GetByRole(AriaRole.Button, new() { Name = "Preview push" }).ClickAsync();
        var plan = page.Locator(".mirror-plan[data-kind=push]");
        await Expect(plan.Locator("[data-testid=plan-total]")).ToContainTextAsync($"{SlowPushFiles} files");
        await plan.GetByRole(AriaRole.Button, new() { Name = "Start push" }).ClickAsync();

        // Live progress from the socket: some bytes moved, not all.
        var operation = page.Locator(".mirror-operation");
        await page.WaitForFunctionAsync(
            "() => { const bar = document.querySelector('.mirror-operation[data-status=running] [role=progressbar]'); const v = Number(bar?.getAttribute('aria-valuenow')); return v > 0 && v < 100; }",
            null,
            new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 20 });
        await Expect(operation.Locator("[data-testid=operation-repo]")).ToContainTextAsync(Alpha);
        await Expect(operation.Locator("[data-testid=operation-numbers]")).ToContainTextAsync(new Regex($@"\d+/{SlowPushFiles} files"));
        await app.ScreenshotAsync("mirror-progress");

        await operation.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(operation).ToHaveAttributeAsync("data-status", "cancelled", OperationWait);
        await Expect(operation.Locator("[data-testid=operation-result]")).ToContainTextAsync("Cancelled after copying");
        await app.ScreenshotAsync("mirror-cancelled");

        // The operation list remembers it: a reload shows the same end.
        await page.ReloadAsync();
        await Expect(operation).ToHaveAttributeAsync("data-status", "cancelled");

        // Running again copies only what had not arrived yet.
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview push" }).ClickAsync();
        var rerun = page.Locator(".mirror-plan[data-kind=push] [data-testid=plan-total]");
        await Expect(rerun).ToContainTextAsync("files");
        var left = int.Parse(FirstNumber().Match(await rerun.InnerTextAsync()).Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(left, 1, SlowPushFiles - 1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start push" }).ClickAsync();
        await Expect(operation).ToHaveAttributeAsync("data-status", "completed", OperationWait);
        await Expect(operation.Locator("[data-testid=operation-result]")).ToContainTextAsync($"Copied {left} files");
        await Expect(page.Locator($"tr[data-repo='{Alpha}']")).ToHaveAttributeAsync("data-state", "same", OperationWait);
    }

    [Fact(Timeout = 180_000)]
    public async Task Mirror_VerifyOnPhoneWidth_CorruptedBlobIsListedAndNotPublished()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await UiApp.StartAsync(browser.Browser, ct, width: 390, height: 844);
        var page = app.Page;
        var local = new HubCacheWriter(app.HubDir);
        var good = HubCacheWriter.Content(32 * 1024);
        var bad = HubCacheWriter.Content(48 * 1024);
        local.AddModel(Alpha, [("good.safetensors", good), ("bad.safetensors", bad)]);
        // Same name and size, other bytes: only hashing while copying can tell.
        var corrupted = local.BlobPath(Alpha, "bad.safetensors", bad);
        var flipped = (byte[])bad.Clone();
        flipped[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(corrupted, flipped, ct);
        var targetDir = Directory.CreateDirectory(Path.Combine(app.Root, "smb")).FullName;
        var remote = new HubCacheWriter(Path.Combine(targetDir, "hub"));

        await app.GotoAsync("#/mirror");
        await AddTargetAsync(page, "smb", targetDir, "Phone-sized");
        await Expect(page.Locator($"tr[data-repo='{Alpha}']")).ToHaveAttributeAsync("data-state", "missing");
        await AssertNoSidewaysScrollAsync(page);

        await page.GetByLabel("Verify while copying").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview push" }).ClickAsync();
        var plan = page.Locator(".mirror-plan[data-kind=push]");
        await Expect(plan).ToContainTextAsync("Options: verify");
        await plan.GetByRole(AriaRole.Button, new() { Name = "Start push" }).ClickAsync();

        var operation = page.Locator(".mirror-operation");
        await Expect(operation).ToHaveAttributeAsync("data-status", new Regex("^(completed|failed)$"), OperationWait);
        var errors = operation.Locator(".mirror-errors [role=alert]");
        await Expect(errors).ToContainTextAsync("1 error");
        await Expect(errors).ToContainTextAsync(Alpha);
        await Expect(errors).ToContainTextAsync("bad.safetensors");
        await AssertNoSidewaysScrollAsync(page);
        await app.ScreenshotAsync("mirror-verify-error-390");

        Assert.False(File.Exists(remote.BlobPath(Alpha, "bad.safetensors", bad)), "a blob that failed verification must not be published");
        Assert.Equal(good, await File.ReadAllBytesAsync(remote.BlobPath(Alpha, "good.safetensors", good), ct));
    }

    private static async Task AddTargetAsync(IPage page, string name, string path, string description)
    {
        await page.GetByLabel("Target name").FillAsync(name);
        await page.GetByLabel("Target folder").FillAsync(path);
        await page.GetByLabel("Description").FillAsync(description);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add target" }).ClickAsync();
        await Expect(page.Locator($"li.mirror-target[data-target={name}]")).ToHaveAttributeAsync("aria-current", "true");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Compare with {name}" })).ToBeVisibleAsync();
    }

    [Fact(Timeout = 180_000)]
    public async Task Mirror_DeleteExtra_RefusedForEmptySourceThenAsksBeforeRemovingOnlyTheExtraRepo()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await UiApp.StartAsync(browser.Browser, ct);
        var page = app.Page;
        var targetDir = Directory.CreateDirectory(Path.Combine(app.Root, "nas")).FullName;
        var remote = new HubCacheWriter(Path.Combine(targetDir, "hub"));
        remote.AddModel(Beta, [("model.safetensors", HubCacheWriter.Content(8 * 1024))]);

        await app.GotoAsync("#/mirror");
        await AddTargetAsync(page, "nas", targetDir, "");
        await Expect(page.Locator($"tr[data-repo='{Beta}']")).ToHaveAttributeAsync("data-state", "extra");

        // An empty local cache looks like an unmounted drive: deleting "extras" would wipe the NAS, so it is refused.
        await page.GetByLabel("Delete extra repos").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview push" }).ClickAsync();
        var refusal = page.Locator(".alert-error", new() { HasText = "The push cannot run" });
        await Expect(refusal).ToContainTextAsync("deleteExtra refused");
        await Expect(page.Locator(".mirror-plan")).ToHaveCountAsync(0);
        await app.ScreenshotAsync("mirror-delete-extra-refused");

        new HubCacheWriter(app.HubDir).AddModel(Alpha, [("model.safetensors", HubCacheWriter.Content(8 * 1024))]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare", Exact = true }).ClickAsync();
        await Expect(page.Locator($"tr[data-repo='{Alpha}']")).ToHaveAttributeAsync("data-state", "missing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview push" }).ClickAsync();
        await Expect(refusal).ToHaveCountAsync(0);
        var plan = page.Locator(".mirror-plan[data-kind=push]");
        await Expect(plan.Locator($".mirror-deletions tr[data-repo='{Beta}']")).ToBeVisibleAsync();
        await Expect(plan.Locator("[data-testid=plan-total]")).ToContainTextAsync("1 repo to delete");

        // Changing an option throws the plan away: what starts is always what was previewed.
        await page.GetByLabel("Verify while copying").CheckAsync();
        await Expect(plan).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview push" }).ClickAsync();

        await plan.GetByRole(AriaRole.Button, new() { Name = "Start push" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Delete 1 repo?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Start push" }).ClickAsync();

        var operation = page.Locator(".mirror-operation");
        await Expect(operation).ToHaveAttributeAsync("data-status", "completed", OperationWait);
        await Expect(operation.Locator("[data-testid=operation-result]")).ToContainTextAsync("deleted 1 repo");
        await Expect(page.Locator($"tr[data-repo='{Alpha}']")).ToHaveAttributeAsync("data-state", "same", OperationWait);
        await Expect(page.Locator($"tr[data-repo='{Beta}']")).ToHaveCountAsync(0);
        Assert.False(Directory.Exists(remote.RepoDir(Beta)), "the extra repo is gone from the target");
        Assert.True(Directory.Exists(remote.RepoDir(Alpha)));
    }

    [Fact(Timeout = 180_000)]
    public async Task Mirror_RepoBeingDownloaded_IsMarkedBusyAndSkipped()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await UiApp.StartAsync(browser.Browser, ct);
        var page = app.Page;
        const string downloading = "emulator/slow-model";
        var local = new HubCacheWriter(app.HubDir);
        local.AddModel(Alpha, [("model.safetensors", HubCacheWriter.Content(8 * 1024))]);
        // An older copy is on disk while a new download of the same repo is still running.
        local.AddModel(downloading, [("old.bin", HubCacheWriter.Content(8 * 1024))], HubCacheWriter.CommitOf("slow old"));
        app.Emulator.Repos.Add(StandardFixtures.LargeFile(downloading, 4 * 1024 * 1024));
        app.Emulator.Faults.BandwidthCap(32 * 1024);
        using (var http = new HttpClient { BaseAddress = app.BaseAddress })
        {
            using var started = await http.PostAsJsonAsync(new Uri("/api/download", UriKind.Relative), new { repo = downloading }, ct);
            Assert.True(started.IsSuccessStatusCode, $"download answered {(int)started.StatusCode}");
        }

        var targetDir = Directory.CreateDirectory(Path.Combine(app.Root, "nas")).FullName;
        await app.GotoAsync("#/mirror");
        await AddTargetAsync(page, "nas", targetDir, "");
        var busyRow = page.Locator($"tr[data-repo='{downloading}']");
        await Expect(busyRow).ToContainTextAsync("busy: downloading");
        await Expect(page.Locator($"tr[data-repo='{Alpha}']")).Not.ToContainTextAsync("busy");
        await app.ScreenshotAsync("mirror-busy");

        await page.GetByRole(AriaRole.Button, new() { Name = "Preview push" }).ClickAsync();
        var plan = page.Locator(".mirror-plan[data-kind=push]");
        await Expect(plan.Locator($"tr[data-repo='{Alpha}']")).ToBeVisibleAsync();
        await Expect(plan.Locator($"tr[data-repo='{downloading}']")).ToHaveCountAsync(0);
        await plan.GetByRole(AriaRole.Button, new() { Name = "Start push" }).ClickAsync();

        var operation = page.Locator(".mirror-operation");
        await Expect(operation).ToHaveAttributeAsync("data-status", "completed", OperationWait);
        await Expect(operation.Locator("[data-testid=operation-result]")).ToContainTextAsync($"skipped while downloading: {downloading}");
        await Expect(page.Locator($"tr[data-repo='{Alpha}']")).ToHaveAttributeAsync("data-state", "same", OperationWait);
        Assert.False(Directory.Exists(Path.Combine(targetDir, "hub", "models--emulator--slow-model")), "a repo being downloaded is never copied");
    }

    // Text that runs past the right edge (an element's own box may fit while its text does not).
    private const string WidestTextScript = """
        () => {
          const limit = document.documentElement.clientWidth + 1;
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          const found = [];
          for (let node = walker.nextNode(); node && found.length < 5; node = walker.nextNode()) {
            const range = document.createRange();
            range.selectNodeContents(node);
            const right = range.getBoundingClientRect().right;
            if (right > limit) found.push(`${node.parentElement.tagName.toLowerCase()}.${node.parentElement.className} "${node.textContent.slice(0, 40)}" (${Math.round(right)} px)`);
          }
          return found.join(', ');
        }
        """;

    private static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        if (overflow > 0)
        {
            // Name the widest culprits so a failure says what to fix.
            var wide = await page.EvaluateAsync<string>(WidestTextScript);
            Assert.Fail($"the page scrolls sideways by {overflow} px: {wide}");
        }
    }

    // A Linux temp folder supports symlinks; Windows without the privilege does not. Either badge is an answer.
    private static Regex SymlinkBadge() => OperatingSystem.IsWindows() ? SymlinkAnswer() : SymlinksYes();

    [GeneratedRegex("^(symlinks|no symlinks: real files)$")]
    private static partial Regex SymlinkAnswer();

    [GeneratedRegex("^symlinks$")]
    private static partial Regex SymlinksYes();

    [GeneratedRegex("#/mirror$")]
    private static partial Regex MirrorRoute();

    [GeneratedRegex(@"\d+")]
    private static partial Regex FirstNumber();
}
