using HFDesk.Cli.Commands;
using Spectre.Console.Cli.Testing;

namespace HFDesk.Cli.Tests;

public sealed class VersionCommandTests
{
    [Fact]
    public void Version_PrintsSemanticVersion()
    {
        var app = new CommandAppTester();
        app.SetDefaultCommand<VersionCommand>();

        var result = app.Run();

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Output.Trim());
    }
}
