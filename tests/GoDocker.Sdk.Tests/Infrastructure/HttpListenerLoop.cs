using System.Net;

namespace GoDocker.Sdk.Tests.Infrastructure;

/// <summary>The accept loop of the tests' HttpListener servers: each request answered on its own task until Stop.</summary>
public static class HttpListenerLoop
{
    public static async Task ServeAsync(HttpListener listener, Func<HttpListenerContext, Task> answer)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => answer(context));
        }
    }
}
