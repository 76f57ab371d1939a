using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HFDesk.HubEmulator;

namespace HFDesk.AdversarialTests.HostileHub;

/// <summary>
/// A Hub that sends nonsense: unsafe tree paths of every kind, bad oids, missing or wrongly typed fields.
/// Through the server, analyze, plan and download answer <c>502 upstream_error</c> naming the file or field
/// (or a clean 2xx where the nonsense is harmless), never a 500, and nothing is written outside the roots.
/// </summary>
public sealed class HostileRepoDataTests
{
    private const string Owner = "hostile";

    // Each case: a repo id, how to spoil it, and the text the answer must name (null: any non-5xx answer is right).
    public static TheoryData<string, string?> Cases() => new()
    {
        { "unsafe-parent", "../evil.txt" },
        { "unsafe-deep-parent", "sub/../../escape.txt" },
        { "unsafe-absolute", "/etc/x" },
        { "unsafe-drive", "C:\\x" },
        { "unsafe-backslash", "a\\..\\..\\x" },
        { "unsafe-nul", "nul\0name.txt" },
        { "unsafe-lfs", "weights/../../model.bin" },
        { "unsafe-manifest", ".hfdesk-manifest.json" },
        { "oid-not-hex", "config.json" },
        { "oid-traversal", "config.json" },
        { "lfs-oid-not-hex", "model.safetensors" },
        { "lfs-oid-traversal", "model.safetensors" },
        { "size-negative", null },
        { "size-string", null },
        { "size-missing", null },
        { "path-number", null },
        { "siblings-null", null },
        { "tags-null", null },
        { "tags-string", null },
        { "tags-numbers", null },
        { "siblings-string", null },
        { "sha-not-hex", null },
        { "gated-number", null },
        { "downloads-string", null },
        { "cardData-array", null },
        { "gguf-string", null },
    };

    private static RepoFixture Spoil(string name) =>
        Spoiled(RepoFixture.Model($"{Owner}/{name}")
            .WithFile("README.md", "# hostile\n")
            .WithFile("config.json", "{}")
            .WithFile("model.safetensors", 4096, lfs: true)
            .WithTags("transformers"), name);

    private static RepoFixture Spoiled(RepoFixture repo, string name) => name switch
    {
        "unsafe-parent" => repo.WithFile("../evil.txt", "evil\n"),
        "unsafe-deep-parent" => repo.WithFile("sub/../../escape.txt", "evil\n"),
        "unsafe-absolute" => repo.WithFile("/etc/x", "evil\n"),
        "unsafe-drive" => repo.WithFile("C:\\x", "evil\n"),
        "unsafe-backslash" => repo.WithFile("a\\..\\..\\x", "evil\n"),
        "unsafe-nul" => repo.WithFile("nul\0name.txt", "evil\n"),
        "unsafe-lfs" => repo.WithFile("weights/../../model.bin", 2048, lfs: true),
        "unsafe-manifest" => repo.WithFile(".hfdesk-manifest.json", "{}"),
        "oid-not-hex" => repo.WithTreeField("config.json", "oid", "\"not-a-hex-oid-zzzzzzzzzzzzzzzzzzzzzzzzzz\""),
        "oid-traversal" => repo.WithTreeField("config.json", "oid", "\"../../../../outside/owner/name/precious\""),
        "lfs-oid-not-hex" => repo.WithTreeField("model.safetensors", "lfs", """{"oid":"xyz","size":4096,"pointerSize":130}"""),
        "lfs-oid-traversal" => repo.WithTreeField("model.safetensors", "lfs", """{"oid":"../../../outside","size":4096,"pointerSize":130}"""),
        "size-negative" => repo.WithTreeField("config.json", "size", "-5"),
        "size-string" => repo.WithTreeField("config.json", "size", "\"big\""),
        "size-missing" => repo.WithTreeField("config.json", "size", null),
        "path-number" => repo.WithTreeField("config.json", "path", "42"),
        "siblings-null" => repo.WithInfoField("siblings", "null"),
        "tags-null" => repo.WithInfoField("tags", "null"),
        "tags-string" => repo.WithInfoField("tags", "\"gguf\""),
        "tags-numbers" => repo.WithInfoField("tags", "[1, null, {\"a\":1}]"),
        "siblings-string" => repo.WithInfoField("siblings", "\"none\""),
        "sha-not-hex" => repo.WithInfoField("sha", "\"../../etc\""),
        "gated-number" => repo.WithInfoField("gated", "7"),
        "downloads-string" => repo.WithInfoField("downloads", "\"many\""),
        "cardData-array" => repo.WithInfoField("cardData", "[1,2]"),
        "gguf-string" => repo.WithInfoField("gguf", "\"q4\""),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Cases))]
    public async Task AnalyzePlanDownload_HostileRepoData_AnswerWithoutServerErrorAndTouchNothingOutside(string name, string? named)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        hub.Repos.Add(Spoil(name));
        await using var server = await AdversarialServer.StartAsync(hub.Endpoint, ct);
        var before = server.Tree.Snapshot();
        var body = JsonSerializer.Serialize(new Dictionary<string, object> { ["repo"] = $"{Owner}/{name}" });

        using var analyze = await server.Client.GetAsync(new Uri($"/api/analyze/{Owner}/{name}", UriKind.Relative), ct);
        using var plan = await server.Client.PostAsync(new Uri("/api/plan", UriKind.Relative), Json(body), ct);
        using var download = await server.Client.PostAsync(new Uri("/api/download", UriKind.Relative), Json(body), ct);

        foreach (var (what, response) in new[] { ("analyze", analyze), ("plan", plan), ("download", download) })
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(ct);
            if (status >= 500 && status != 502)
            {
                AttackTally.Failed($"hostile hub {name}: {what} answered {status}");
            }

            Assert.True(status is < 500 or 502, $"{name}: {what} answered {status}: {text}");
            if (status >= 400)
            {
                using var envelope = JsonDocument.Parse(text);
                Assert.False(envelope.RootElement.GetProperty("ok").GetBoolean());
            }

            AttackTally.Refused();
        }

        if (named is not null)
        {
            // The tree itself is the nonsense: plan cannot be made, and the answer names the file.
            var planText = await plan.Content.ReadAsStringAsync(ct);
            Assert.True(plan.StatusCode == HttpStatusCode.BadGateway, $"plan answered {(int)plan.StatusCode}: {planText}");
            using var envelope = JsonDocument.Parse(planText);
            var detail = envelope.RootElement.GetProperty("error_detail");
            Assert.Equal("upstream_error", detail.GetProperty("code").GetString());
            var said = detail.GetProperty("message").GetString() + " " + (detail.TryGetProperty("details", out var d) ? d.GetString() : "");
            Assert.Contains(named, said, StringComparison.Ordinal);
        }

        await WaitForJobsToSettleAsync(server, ct);
        Assert.Equal(before, server.Tree.Snapshot());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>A job the download created runs in the background: wait until none is running, bounded.</summary>
    private static async Task WaitForJobsToSettleAsync(AdversarialServer server, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 200; i++)
        {
            var jobs = await server.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/jobs", UriKind.Relative), cancellationToken);
            if (!jobs.GetProperty("jobs").EnumerateArray().Any(j => j.GetProperty("status").GetString() is "queued" or "running"))
            {
                return;
            }

            await Task.Delay(50, cancellationToken);
        }

        Assert.Fail("a job created by a hostile repo never ended");
    }
}
