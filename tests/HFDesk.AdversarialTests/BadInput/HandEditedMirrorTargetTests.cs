using System.Text;
using System.Text.Json;

namespace HFDesk.AdversarialTests.BadInput;

/// <summary>
/// <c>mirror-targets.json</c> edited by hand with paths the API would refuse (through <c>..</c> to a folder outside,
/// the home folder itself, a folder holding the hub cache, one inside it): diff, push, pull and a dry run refuse
/// each with a 400 envelope naming the rule, and nothing outside the roots is created (a push would first write its
/// lock file into the target).
/// </summary>
public sealed class HandEditedMirrorTargetTests
{
    private static readonly string[] Actions = ["diff", "push", "pull"];

    [Fact(Timeout = 60_000)]
    public async Task MirrorActions_TargetThePathRuleRefuses_400AndNothingOutsideTouched()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await AdversarialServer.StartAsync(null, ct);
        var before = server.Tree.Snapshot();

        var failures = new List<string>();
        foreach (var (target, what) in AdversarialServer.UnusableMirrorTargets)
        {
            foreach (var action in Actions)
            {
                foreach (var dryRun in action == "diff" ? [false] : new[] { false, true })
                {
                    var fields = new Dictionary<string, object> { ["target"] = target };
                    if (action != "diff")
                    {
                        fields["dryRun"] = dryRun;
                    }

                    var body = JsonSerializer.Serialize(fields);
                    using var response = await server.Client.PostAsync(
                        new Uri($"/api/mirror/{action}", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), ct);
                    var text = await response.Content.ReadAsStringAsync(ct);
                    var status = (int)response.StatusCode;
                    var refused = status == 400 && text.Contains($"Mirror target '{target}' cannot be used", StringComparison.Ordinal);
                    if (!refused)
                    {
                        failures.Add($"{action} to {target} ({what}, dryRun {dryRun}) answered {status}: {text}");
                        AttackTally.Failed($"mirror {action} to hand-edited target {target} answered {status}");
                    }
                    else
                    {
                        AttackTally.Refused();
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, server.Tree.Snapshot());
    }
}
