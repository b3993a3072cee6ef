using System.Buffers;
using System.Text;
using GoDocker.ProxyGateway.Protocol;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>What the sendfile lane takes for itself; everything else must reach Kestrel untouched (null).</summary>
public sealed class Http1RequestHeadTests
{
    private static Http1RequestHead? Parse(string head) => Http1RequestHead.TryParse(new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(head)));

    [Fact]
    public void A_plain_get_with_the_go_commands_headers_is_taken_with_its_path_and_length()
    {
        const string request = "GET /golang.org/x/mod/@v/v0.1.0.zip HTTP/1.1\r\nHost: proxy:8080\r\nUser-Agent: Go-http-client/1.1\r\nAccept-Encoding: gzip\r\n\r\n";

        var head = Parse(request + "GET /next HTTP/1.1\r\n");

        Assert.Equal(new Http1RequestHead(false, "/golang.org/x/mod/@v/v0.1.0.zip", request.Length), head);
        Assert.True(Parse("HEAD /m/@v/v1.0.0.mod HTTP/1.1\r\nhost: [::1]:80\r\nCONNECTION: keep-alive\r\n\r\n")!.Value.IsHead);
    }

    [Theory]
    [InlineData("GET /m HTTP/1.1\r\nHost: h\r\n")] // head not complete yet
    [InlineData("GET /m HTTP/1.0\r\nHost: h\r\n\r\n")]
    [InlineData("get /m HTTP/1.1\r\nHost: h\r\n\r\n")]
    [InlineData("POST /m HTTP/1.1\r\nHost: h\r\n\r\n")]
    [InlineData("GET http://h/m HTTP/1.1\r\nHost: h\r\n\r\n")]
    [InlineData("GET /m?q HTTP/1.1\r\nHost: h\r\n\r\n")]
    [InlineData("GET /m%2E HTTP/1.1\r\nHost: h\r\n\r\n")]
    [InlineData("GET /caf\u00e9 HTTP/1.1\r\nHost: h\r\n\r\n")]
    [InlineData("GET /m HTTP/1.1\r\n\r\n")]
    [InlineData("GET /m HTTP/1.1\r\nHost: h\r\nHost: h\r\n\r\n")]
    [InlineData("GET /m HTTP/1.1\r\nHost: a b\r\n\r\n")]
    [InlineData("GET /m HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")]
    [InlineData("GET /m HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n")]
    [InlineData("GET /m HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("GET /m HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n")]
    [InlineData("GET /m HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\n\r\n")]
    [InlineData("GET /m HTTP/1.1\r\nHost: h\r\nbroken\r\n\r\n")]
    [InlineData("GET /m HTTP/1.1\r\nHost: h\r\nX a: b\r\n\r\n")]
    [InlineData("GET /m HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n")]
    [InlineData("GET /m HTTP/1.1\r\nHost: h\r\nX: caf\u00e9\r\n\r\n")]
    [InlineData("GET /m HTTP/1.1\r\nHost: h\r\nX: a\rb\r\n\r\n")]
    [InlineData("GET /m HTTP/1.1\nHost: h\n\n")]
    [InlineData("GET  /m HTTP/1.1\r\nHost: h\r\n\r\n")]
    [InlineData("GET /m HTTP/1.1 \r\nHost: h\r\n\r\n")]
    [InlineData("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")]
    public void Anything_else_is_left_to_Kestrel(string request) => Assert.Null(Parse(request));

    [Fact]
    public void A_head_longer_than_8_KiB_or_split_across_buffers_is_left_to_Kestrel()
    {
        Assert.Null(Parse("GET /m HTTP/1.1\r\nHost: h\r\nX: " + new string('a', 8200) + "\r\n\r\n"));

        var bytes = Encoding.ASCII.GetBytes("GET /m HTTP/1.1\r\nHost: h\r\n\r\n");
        var first = new Segment(bytes.AsMemory(0, 10));
        var last = first.Append(bytes.AsMemory(10));
        Assert.Null(Http1RequestHead.TryParse(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length)));
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
