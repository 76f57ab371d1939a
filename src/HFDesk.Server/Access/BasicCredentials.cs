namespace HFDesk.Server.Access;

internal sealed record BasicCredentials(string User, string Password)
{
    // Keep the password out of logs and debugger displays that print records.
    public override string ToString() => $"BasicCredentials {{ User = {User} }}";
}
