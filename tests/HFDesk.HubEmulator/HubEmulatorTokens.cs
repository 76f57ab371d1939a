namespace HFDesk.HubEmulator;

/// <summary>
/// Tokens the emulator knows. They start with <c>hf_</c> because @huggingface/hub rejects other tokens
/// before sending anything. Any other token is answered 401 "Invalid credentials".
/// </summary>
public static class HubEmulatorTokens
{
    /// <summary>The owner of every fixture: reads private repos, is granted on gated repos.</summary>
    public const string Valid = "hf_emulator_valid_0123456789abcdefghij";

    /// <summary>A valid user who has not been granted access to gated repos (403 GatedRepo); private repos are 404.</summary>
    public const string NotGranted = "hf_emulator_notgranted_0123456789abcd";

    /// <summary>A valid user who does not own the private repos (404 RepoNotFound), nor is granted on gated ones.</summary>
    public const string OtherUser = "hf_emulator_otheruser_0123456789abcde";

    public const string ValidUserName = "emulator-user";

    public const string NotGrantedUserName = "emulator-notgranted";

    public const string OtherUserName = "emulator-other";
}
