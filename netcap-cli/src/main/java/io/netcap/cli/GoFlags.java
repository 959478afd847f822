package io.netcap.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Go flag conventions shared by the subcommands (cli.md section 2): every flag can also be set
 * through {@code NC_<NAME>} (upper case, {@code -} replaced by {@code _}; an empty value sets a boolean
 * to true), and usage errors exit with status 2 like Go's {@code flag.ExitOnError}.
 */
final class GoFlags {
    static final int USAGE_ERROR = 2;

    private GoFlags() {}

    /** Environment variable that overrides a flag: {@code -struct-sep} → {@code NC_STRUCT_SEP}. */
    static String envName(String flag) {
        String bare = flag.replaceFirst("^-+", "");
        return "NC_" + bare.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Defaults from the environment, below the command line in precedence. */
    static CommandLine.IDefaultValueProvider environment(Map<String, String> env) {
        return (ArgSpec arg) -> {
            if (!(arg instanceof OptionSpec opt)) {
                return null;
            }
            String value = env.get(envName(opt.longestName()));
            if (value == null) {
                return null;
            }
            boolean bool = opt.type() == boolean.class || opt.type() == Boolean.class;
            return bool && value.isEmpty() ? "true" : value;
        };
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
