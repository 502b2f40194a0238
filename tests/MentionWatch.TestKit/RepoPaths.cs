namespace MentionWatch.TestKit;

/// <summary>Files of the repository the tests read (the bundled sample, the sample settings), found above the test binaries.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MentionWatch.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Cannot find MentionWatch.sln above the test binaries.");
    }
}
