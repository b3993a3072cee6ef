namespace GoDocker.TestHost;

/// <summary>The host's own options, taken out before the platform parses the rest (it rejects options it does not know).</summary>
internal sealed record GoTestHostArguments(string? RequestPath, string? ProjectPath, string[] PlatformArgs)
{
    public const string RequestOption = "--godocker-request";
    public const string ProjectOption = "--godocker-project";

    public static GoTestHostArguments Parse(string[] args)
    {
        var rest = new List<string>();
        string? request = null, project = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == RequestOption && i + 1 < args.Length)
            {
                request = args[++i];
            }
            else if (args[i] == ProjectOption && i + 1 < args.Length)
            {
                project = args[++i];
            }
            else
            {
                rest.Add(args[i]);
            }
        }
        return new GoTestHostArguments(request, project, [.. rest]);
    }
}
