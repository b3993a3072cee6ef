using System.CommandLine;
using GoDocker.Core.Diagnostics;
using GoDocker.ProxyGateway.CommandLine;

// The gateway as its own process, for GoDockerStartProxy (the SDK runs `dotnet GoDocker.ProxyGateway.dll ...`) and
// tests. It takes exactly the options of `godocker proxy` (GatewayServeOptions), which is the front end for users.
var serve = new GatewayServeOptions();
var root = new RootCommand("The GoDocker module proxy gateway; `godocker proxy` takes the same options.");
serve.AddTo(root);
root.SetAction((parse, cancellationToken) => serve.ServeAsync(serve.ToGatewayOptions(parse), parse, Console.Out, cancellationToken));

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine(error.Message);
    }

    return 2;
}

try
{
    // SIGTERM and Ctrl+C cancel the token; in-flight responses then get the gateway's shutdown timeout (30 s).
    await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(35) });
    return 0;
}
catch (DiagnosticException e)
{
    Console.Error.WriteLine(e.Diagnostic.ToString());
    return 1;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
