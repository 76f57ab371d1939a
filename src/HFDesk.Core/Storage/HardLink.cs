using System.Runtime.InteropServices;

namespace HFDesk.Core.Storage;

/// <summary>
/// Hard links for the friendly view: NTFS allows them without the symlink privilege, so a Windows user gets
/// the friendly folder without doubling disk use. .NET has no managed API for them.
/// </summary>
internal static class HardLink
{
    public static bool TryCreate(string linkPath, string existingFile)
    {
        try
        {
            return OperatingSystem.IsWindows()
                ? CreateHardLinkW(linkPath, existingFile, IntPtr.Zero)
                : link(existingFile, linkPath) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // DllImport rather than LibraryImport: the source-generated form needs AllowUnsafeBlocks for the whole of Core.
    [DllImport("kernel32.dll", EntryPoint = "CreateHardLinkW", CharSet = CharSet.Unicode, SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool CreateHardLinkW(string lpFileName, string lpExistingFileName, IntPtr lpSecurityAttributes);

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int link([MarshalAs(UnmanagedType.LPUTF8Str)] string oldpath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newpath);
}
