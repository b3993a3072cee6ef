namespace GoDocker.Cli;

internal enum OutputFormat
{
    Text,
    Json,
    Sarif,
}
