package io.netcap.cli;

import io.netcap.cli.flags.Environment;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Go flag conventions for the picocli subcommands (docs/engine.md, "Flags"): every flag can also be set
 * through its {@link Environment} variable, and usage errors exit with status 2 like Go's
 * {@code flag.ExitOnError}.
 */
final class GoFlags {
    static final int USAGE_ERROR = 2;

    private GoFlags() {}

    /** Defaults from the environment, below the command line in precedence. */
    static CommandLine.IDefaultValueProvider environment(Map<String, String> env) {
        return (ArgSpec arg) -> arg instanceof OptionSpec opt
                ? Environment.value(env, opt.longestName(), opt.type() == boolean.class || opt.type() == Boolean.class)
                : null;
    }

    /** Applies the environment defaults to a command line and all its subcommands. */
    static CommandLine configure(CommandLine cmd, Map<String, String> env) {
        cmd.setDefaultValueProvider(environment(env));
        cmd.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(ex.getMessage());
            c.usage(c.getErr());
            return USAGE_ERROR;
        });
        for (CommandLine sub : cmd.getSubcommands().values()) {
            sub.setDefaultValueProvider(environment(env));
        }
        return cmd;
    }
}
