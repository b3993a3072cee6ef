using GoDocker.Core.Diagnostics;
using GoDocker.Core.GoEnv;

namespace GoDocker.Core.Tests.GoEnv;

public class GoEnvironmentReaderTests
{
    private static GoEnvironment Read(
        Dictionary<string, string> env, Dictionary<string, string>? files = null, GoEnvironmentReaderOptions? options = null) =>
        GoEnvironmentReader.Read(new DictionaryEnvironmentSource(env), new InMemoryTextFileSource(files ?? new()), options);

    [Fact]
    public void Without_any_setting_the_built_in_defaults_apply()
    {
        var env = Read(new() { ["HOME"] = "/home/dev" });

        Assert.Equal("https://proxy.golang.org,direct", env["GOPROXY"].Value);
        Assert.Equal(GoEnvSource.Default, env["GOPROXY"].Source);
        Assert.Equal("sum.golang.org", env["GOSUMDB"].Value);
        Assert.Equal("auto", env["GOTOOLCHAIN"].Value);
        Assert.Equal("/home/dev/.config/go/env", env.UserEnvFile);
        Assert.Empty(env.Diagnostics);
    }

    [Fact]
    public void Process_environment_beats_the_env_file_which_beats_goroot_go_env()
    {
        var files = new Dictionary<string, string>
        {
            ["/home/dev/.config/go/env"] = "GOPROXY=https://user-file.example\nGOPRIVATE=git.corp.example\nGOSUMDB=off\n",
            ["/usr/local/go/go.env"] = "# defaults\nGOPROXY=https://goroot.example,direct\nGOSUMDB=sum.golang.org\nGOTOOLCHAIN=local\n",
        };
        var env = Read(new() { ["HOME"] = "/home/dev", ["GOROOT"] = "/usr/local/go", ["GOSUMDB"] = "sum.golang.google.cn" }, files);

        Assert.Equal(new GoEnvValue("GOPROXY", "https://user-file.example", GoEnvSource.UserEnvFile,
            new SourceLocation("/home/dev/.config/go/env", 1, 9, 1, 34)), env["GOPROXY"]);
        Assert.Equal(GoEnvSource.ProcessEnvironment, env["GOSUMDB"].Source);
        Assert.Equal("sum.golang.google.cn", env.SumDb.Raw);
        Assert.Equal(new GoEnvValue("GOTOOLCHAIN", "local", GoEnvSource.GorootEnvFile, new SourceLocation("/usr/local/go/go.env", 4, 13, 4, 18)), env["GOTOOLCHAIN"]);
        Assert.Equal(GoToolchainMode.Local, env.Toolchain.Mode);
    }

    [Fact]
    public void An_empty_process_variable_counts_as_unset()
    {
        var env = Read(new() { ["GOENV"] = "/cfg/go.env", ["GOPROXY"] = "" },
            new() { ["/cfg/go.env"] = "GOPROXY=https://from-file.example" });

        Assert.Equal("https://from-file.example", env["GOPROXY"].Value);
        Assert.Equal(GoEnvSource.UserEnvFile, env["GOPROXY"].Source);
    }

    [Fact]
    public void GOENV_names_the_file_and_off_disables_it()
    {
        var files = new Dictionary<string, string> { ["/tmp/custom-env"] = "GOFLAGS=-mod=mod", ["/xdg/go/env"] = "GOFLAGS=-mod=vendor" };

        var custom = Read(new() { ["GOENV"] = "/tmp/custom-env", ["XDG_CONFIG_HOME"] = "/xdg" }, files);
        var xdg = Read(new() { ["XDG_CONFIG_HOME"] = "/xdg", ["HOME"] = "/home/dev" }, files);
        var off = Read(new() { ["GOENV"] = "off", ["XDG_CONFIG_HOME"] = "/xdg" }, files);

        Assert.Equal("-mod=mod", custom["GOFLAGS"].Value);
        Assert.Equal("-mod=vendor", xdg["GOFLAGS"].Value);
        Assert.Equal(string.Empty, off["GOFLAGS"].Value);
        Assert.Null(off.UserEnvFile);
        Assert.Equal("GOENV=off", off.UserEnvFileError);
    }

    [Fact]
    public void Relative_XDG_CONFIG_HOME_and_missing_HOME_mean_no_env_file()
    {
        Assert.Equal("path in $XDG_CONFIG_HOME is relative", Read(new() { ["XDG_CONFIG_HOME"] = "cfg", ["HOME"] = "/h" }).UserEnvFileError);
        Assert.Equal("neither $XDG_CONFIG_HOME nor $HOME are defined", Read(new()).UserEnvFileError);
        Assert.Equal("C:/Users/dev/AppData/Roaming/go/env",
            Read(new() { ["AppData"] = "C:\\Users\\dev\\AppData\\Roaming" }, options: new GoEnvironmentReaderOptions { HostOs = "windows" }).UserEnvFile);
    }

    [Fact]
    public void Env_file_lines_follow_cmd_go_readEnvFile()
    {
        var text = "# comment\ngoproxy=ignored\n=x\nGONOSUMDB\nGOINSECURE=a.example\nGOINSECURE=b.example\nGOPRIVATE= spaced.example \n";
        var env = Read(new() { ["GOENV"] = "/f" }, new() { ["/f"] = text });

        Assert.Equal("b.example", env["GOINSECURE"].Value);
        Assert.Equal(" spaced.example ", env["GOPRIVATE"].Value);
        Assert.Equal(GoEnvSource.Default, env["GOPROXY"].Source);
    }

    [Fact]
    public void Goroot_go_env_never_overrides_the_user_file_even_with_an_empty_value()
    {
        var env = Read(new() { ["GOENV"] = "/user", ["GOROOT"] = "/goroot" },
            new() { ["/user"] = "GOTOOLCHAIN=\n", ["/goroot/go.env"] = "GOTOOLCHAIN=local\n" });

        Assert.Equal("auto", env["GOTOOLCHAIN"].Value);
        Assert.Equal(GoEnvSource.Default, env["GOTOOLCHAIN"].Source);
    }

    [Fact]
    public void The_user_file_can_move_GOROOT_and_with_it_go_env()
    {
        var env = Read(new() { ["GOENV"] = "/user", ["GOROOT"] = "/ignored" },
            new() { ["/user"] = "GOROOT=/opt/go\n", ["/opt/go/go.env"] = "GOPROXY=https://opt.example\n", ["/ignored/go.env"] = "GOPROXY=https://ignored.example\n" });

        Assert.Equal("https://opt.example", env["GOPROXY"].Value);
        Assert.Equal("/opt/go/go.env", env.GorootEnvFile);
    }

    [Fact]
    public void GOPRIVATE_is_the_default_for_GONOPROXY_and_GONOSUMDB_only_when_they_are_empty()
    {
        var inherited = Read(new() { ["GOPRIVATE"] = "git.corp.example" });
        var overridden = Read(new() { ["GOPRIVATE"] = "git.corp.example", ["GONOPROXY"] = "none" });

        Assert.Equal(new GoEnvValue("GONOPROXY", "git.corp.example", GoEnvSource.GoPrivate), inherited["GONOPROXY"]);
        Assert.Equal("git.corp.example", inherited.NoSumDb.Raw);
        Assert.Equal("none", overridden.NoProxy.Raw);
        Assert.Equal(GoEnvSource.GoPrivate, overridden["GONOSUMDB"].Source);
    }

    [Fact]
    public void Project_properties_override_everything_and_errors_point_at_them()
    {
        var location = new SourceLocation("service.goproj", 12, 5, 12, 40);
        var options = new GoEnvironmentReaderOptions
        {
            Overrides = new Dictionary<string, GoEnvOverride> { ["GOPROXY"] = new("ftp://mirror.corp.example", location), ["GOPRIVATE"] = new("") },
        };

        var env = Read(new() { ["GOPROXY"] = "https://env.example", ["GOPRIVATE"] = "from-env.example" }, options: options);

        Assert.Equal(GoEnvSource.Project, env["GOPROXY"].Source);
        Assert.Equal("from-env.example", env["GOPRIVATE"].Value);
        var diagnostic = Assert.Single(env.Diagnostics);
        Assert.Equal("GD1001", diagnostic.Code);
        Assert.Equal(location, diagnostic.Location);
        Assert.Equal("service.goproj(12,5): error GD1001: GOPROXY 'ftp://mirror.corp.example' is invalid: invalid proxy URL scheme (must be https, http, file): ftp://mirror.corp.example. Set it to a list of proxy URLs separated by ',' or '|', or 'direct' or 'off'.",
            diagnostic.ToString());
    }

    [Fact]
    public void Errors_from_the_env_file_point_at_its_line()
    {
        var env = Read(new() { ["GOENV"] = "/home/dev/goenv" }, new() { ["/home/dev/goenv"] = "GOFLAGS=-mod=mod\nGOTOOLCHAIN=go1.22+latest\n" });

        var diagnostic = Assert.Single(env.Diagnostics);
        Assert.Equal("GD1005", diagnostic.Code);
        Assert.Equal(new SourceLocation("/home/dev/goenv", 2, 13, 2, 26), diagnostic.Location);
    }

    [Fact]
    public void Http_proxy_variables_come_only_from_the_process_environment()
    {
        var env = Read(new() { ["GOENV"] = "/f", ["https_proxy"] = "http://proxy.corp.example:3128", ["NO_PROXY"] = "goproxy.corp.example" },
            new() { ["/f"] = "HTTP_PROXY=http://never-read.example\n" });

        Assert.Equal(new HttpProxySettings(string.Empty, "http://proxy.corp.example:3128", "goproxy.corp.example", false), env.HttpProxy);
    }
}
