using HFDesk.Cli.Commands;
using Spectre.Console.Cli.Testing;
using Spectre.Console.Testing;

namespace HFDesk.Cli.Tests;

/// <summary>The real command tree on a wide test console (tables must not wrap repo ids).</summary>
internal static class CliTestApp
{
    public static CommandAppTester Create()
    {
        var console = new TestConsole().Width(250);
        var app = new CommandAppTester(registrar: null, settings: null, console: console);
        app.SetDefaultCommand<ServeCommand>();
        app.Configure(HfDeskCommandApp.Configure);
        return app;
    }
}
