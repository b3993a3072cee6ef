using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace GoDocker.Core.Projects;

/// <summary>
/// GoPlatforms: the target platforms of the image, <c>os/arch[/variant]</c> separated by commas or semicolons
/// (MSBuild lists), as <c>docker build --platform</c> takes them.
/// </summary>
public sealed partial record GoPlatformList(ImmutableArray<string> Platforms)
{
    public static GoPlatformList Empty { get; } = new(ImmutableArray<string>.Empty);

    public bool IsEmpty => Platforms.IsEmpty;

    public static bool TryParse(string? text, out GoPlatformList platforms, out string error)
    {
        platforms = Empty;
        error = "";
        var list = ImmutableArray.CreateBuilder<string>();
        foreach (var part in (text ?? "").Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!PlatformRegex().IsMatch(part))
            {
                error = $"'{part}' is not a platform such as linux/amd64 or linux/arm64/v8";
                return false;
            }
            if (!list.Contains(part))
            {
                list.Add(part);
            }
        }
        platforms = new GoPlatformList(list.ToImmutable());
        return true;
    }

    public override string ToString() => string.Join(',', Platforms);

    [GeneratedRegex(@"^[a-z0-9]{1,32}/[a-z0-9_]{1,32}(?:/[a-z0-9]{1,16})?$")]
    private static partial Regex PlatformRegex();
}
