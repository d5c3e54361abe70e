namespace FunctionsSender.LocalHost.Tests;

public sealed class ScriptRootLocatorTests
{
    [Fact]
    public void The_search_walks_up_to_the_solution_then_the_functions_project_then_the_app_folder()
    {
        var repo = Testing.AzuriteFixture.FindRepositoryRoot();
        var start = Path.Combine(repo, "src", "FunctionsSender.LocalHost");

        var candidates = ScriptRootLocator.CandidateDirectories(null, start, "/app/bin");

        Assert.Equal([start, Path.Combine(repo, "src"), repo, Path.Combine(repo, "src", "FunctionsSender.Functions"), "/app/bin"], candidates);
        Assert.Equal(Path.Combine(repo, "host.json"), ScriptRootLocator.Find("host.json", candidates));
    }

    [Fact]
    public void An_explicit_script_root_is_the_only_place_searched()
    {
        var root = TestHost.CreateScriptRoot();

        var candidates = ScriptRootLocator.CandidateDirectories(root, "/somewhere", "/app/bin");

        Assert.Equal([root], candidates);
        Assert.Null(ScriptRootLocator.Find("local.settings.json", candidates));
    }
}
