using System.Runtime.CompilerServices;

namespace HFDesk.Tests.Shared;

/// <summary>
/// Some tests run commands and servers in-process, where HFDesk reads the real process environment. A developer's
/// own Hugging Face login (<c>HF_TOKEN</c>, or the token file <c>hf auth login</c> writes) must never reach the
/// emulator or change a result, so every test process starts without either. Tests about tokens set their own.
/// </summary>
internal static class TestProcessIsolation
{
    [ModuleInitializer]
    internal static void Isolate()
    {
        Environment.SetEnvironmentVariable("HF_TOKEN", null);
        Environment.SetEnvironmentVariable("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1");
    }
}
