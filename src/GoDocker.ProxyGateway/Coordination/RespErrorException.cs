namespace GoDocker.ProxyGateway.Coordination;

/// <summary>An error reply from Redis (<c>-ERR …</c>): the command was wrong, the connection is fine.</summary>
public sealed class RespErrorException(string message) : Exception(message);
