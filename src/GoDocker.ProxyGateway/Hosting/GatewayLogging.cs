using Microsoft.Extensions.Logging;

namespace GoDocker.ProxyGateway.Hosting;

/// <summary>Console logging for hosts of the gateway: one line per event, or JSON lines for log collectors.</summary>
public static class GatewayLogging
{
    public static ILoggerFactory CreateConsole(bool json, LogLevel minimum = LogLevel.Information) =>
        LoggerFactory.Create(b =>
        {
            if (json)
            {
                b.AddJsonConsole(o => o.IncludeScopes = false);
            }
            else
            {
                b.AddSimpleConsole(o => o.SingleLine = true);
            }

            b.SetMinimumLevel(minimum);
            b.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        });
}
