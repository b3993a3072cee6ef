namespace GoDocker.Core.Images;

/// <summary>
/// The GOARCH an ELF executable was built for, from its header's e_machine: publish checks each platform's binary
/// against its platform, so a build stage that did not cross-compile cannot put an amd64 binary into an arm64 image.
/// </summary>
public static class ExecutableArchitecture
{
    /// <summary>The GOARCH, or null when the file is not ELF (a Windows or macOS binary) or its machine is not one Go builds for.</summary>
    public static string? Of(ReadOnlySpan<byte> binary)
    {
        if (binary.Length < 20 || binary[0] != 0x7F || binary[1] != (byte)'E' || binary[2] != (byte)'L' || binary[3] != (byte)'F')
        {
            return null;
        }
        var littleEndian = binary[5] == 1;
        var machine = littleEndian ? binary[18] | (binary[19] << 8) : (binary[18] << 8) | binary[19];
        return machine switch
        {
            0x03 => "386",
            0x3E => "amd64",
            0x28 => "arm",
            0xB7 => "arm64",
            0x15 => littleEndian ? "ppc64le" : "ppc64",
            0x16 => "s390x",
            0xF3 => "riscv64",
            0x08 => littleEndian ? "mipsle" : "mips",
            0x102 => "loong64",
            _ => null,
        };
    }
}
