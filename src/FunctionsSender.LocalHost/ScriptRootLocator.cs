namespace FunctionsSender.LocalHost;

/// <summary>
/// Finds host.json and local.settings.json. Core Tools reads them from the app folder; LocalHost may be started from
/// anywhere in the repository (or from its output folder), so it searches the places a developer would put them.
/// </summary>
public static class ScriptRootLocator
{
    public const string SolutionFileName = "FunctionsSender.sln";
    public const string HostJsonFileName = "host.json";
    public const string LocalSettingsFileName = "local.settings.json";

    /// <summary>The folders searched, in order. An explicit script root is the only candidate.</summary>
    public static IReadOnlyList<string> CandidateDirectories(string? scriptRoot, string currentDirectory, string baseDirectory)
    {
        if (!string.IsNullOrWhiteSpace(scriptRoot))
        {
            return [Path.GetFullPath(scriptRoot, currentDirectory)];
        }

        var candidates = new List<string> { currentDirectory };
        string? solutionRoot = null;
        for (var directory = new DirectoryInfo(currentDirectory); directory is not null; directory = directory.Parent)
        {
            if (!candidates.Contains(directory.FullName))
            {
                candidates.Add(directory.FullName);
            }

            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                solutionRoot = directory.FullName;
                break;
            }
        }

        // Walking up past the repository would pick up unrelated files, so only a walk that found the solution counts.
        if (solutionRoot is null)
        {
            candidates.RemoveRange(1, candidates.Count - 1);
        }
        else
        {
            candidates.Add(Path.Combine(solutionRoot, "src", "FunctionsSender.Functions"));
        }

        candidates.Add(baseDirectory);
        return candidates;
    }

    public static string? Find(string fileName, IEnumerable<string> candidates) =>
        candidates.Select(directory => Path.Combine(directory, fileName)).FirstOrDefault(File.Exists);
}
