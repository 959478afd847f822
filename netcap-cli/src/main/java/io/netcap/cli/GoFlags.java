package io.netcap.cli;

import io.netcap.cli.flags.Environment;
import io.netcap.cli.flags.FlagException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Go flag conventions for the picocli subcommands (docs/engine.md, "Flags"): every flag can also be set
 * through its {@link Environment} variable; {@code -h} prints the usage in the style of Go's
 * {@code flag.PrintDefaults} (as {@code net capture -h} does) and exits 0; a usage error prints one line
 * and where help is, and exits with status 2 like Go's {@code flag.ExitOnError}.
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

    /** Applies the environment defaults, the help and the error style to a command line and its subcommands. */
    static CommandLine configure(CommandLine cmd, Map<String, String> env) {
        cmd.setDefaultValueProvider(environment(env));
        // Go's flags are words: -hexdump is a flag (of capture, passed on by agent and export), not -h -e -x ...
        cmd.setPosixClusteredShortOptionsAllowed(false);
        cmd.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(unknownTool(ex).orElse(ex.getMessage().lines().findFirst().orElse("")));
            c.getErr().println(helpHint(c.getCommandSpec().qualifiedName()));
            return USAGE_ERROR;
        });
        cmd.setExecutionStrategy(parsed -> execute(parsed, env));
        cmd.getSubcommands().forEach((name, sub) -> {
            sub.setDefaultValueProvider(environment(env));
            // capture parses its own flags (FlagSet), -config among them; help and version take none
            if (!name.equals("capture") && !name.equals("help") && !name.equals("version") && !name.equals("transform")) {
                ConfigFlags.add(sub.getCommandSpec());
            }
        });
        return cmd;
    }

    /**
     * A word after {@code net} that names no tool: said so, with the tool meant when it is a typo (the original
     * exits 0 without a word, which hides the typo).
     */
    private static Optional<String> unknownTool(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || ex.getCommandLine().getParent() != null
                || u.getUnmatched().isEmpty() || u.getUnmatched().getFirst().startsWith("-")) {
            return Optional.empty();
        }
        String word = u.getUnmatched().getFirst();
        List<String> near = u.getSuggestions();
        String meant = near.isEmpty() ? "" : " (did you mean " + near.getFirst() + "?)";
        return Optional.of("net: unknown tool " + word + meant + "; tools: " + Net.toolList());
    }

    static String helpHint(String command) {
        return "run '" + command + " -h' for help";
    }

    /**
     * {@code net <tool> -h}: the usage on standard output, status 0; {@code -gen-config}: the tool's configuration
     * file on standard output, status 0; {@code -config FILE}: the file's settings join the command line below it
     * and the environment (the arguments are parsed once more with them). Everything else runs as usual.
     */
    private static int execute(ParseResult parsed, Map<String, String> env) {
        ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        if (last != parsed) {
            CommandLine c = last.commandSpec().commandLine();
            if (last.hasMatchedOption("-h")) {
                c.getOut().print(usage(last.commandSpec()));
                c.getOut().flush();
                return 0;
            }
            if (ConfigFlags.generate(last)) {
                c.getOut().print(ConfigFlags.text(last.commandSpec()));
                c.getOut().flush();
                return 0;
            }
            String file = ConfigFlags.file(last);
            if (!file.isEmpty()) {
                String tool = last.commandSpec().qualifiedName();
                try {
                    List<String> settings = ConfigFlags.arguments(last, Path.of(file), env);
                    if (!settings.isEmpty()) {
                        List<String> args = new ArrayList<>(parsed.originalArgs());
                        args.addAll(args.indexOf(last.commandSpec().name()) + 1, settings);
                        parsed = parsed.commandSpec().commandLine().parseArgs(args.toArray(String[]::new));
                    }
                } catch (FlagException | CommandLine.ParameterException e) {
                    c.getErr().println(file + ": " + e.getMessage().lines().findFirst().orElse(""));
                    c.getErr().println(helpHint(tool));
                    return USAGE_ERROR;
                }
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /** "Usage of net dump:", every flag like Go's PrintDefaults (name, value kind, usage, default), then the examples. */
    static String usage(CommandSpec spec) {
        StringBuilder sb = new StringBuilder("Usage of ").append(spec.qualifiedName()).append(":\n");
        spec.options().stream()
                .filter(o -> !o.hidden() && !o.usageHelp() && !o.versionHelp() && !o.shortestName().equals("-h"))
                .sorted(Comparator.comparing(OptionSpec::shortestName))
                .forEach(o -> {
                    sb.append("  ").append(o.shortestName()).append(kind(o.type()));
                    sb.append("\n    \t").append(String.join(" ", o.description()));
                    String def = ConfigFlags.defaultValue(o);
                    if (!def.isEmpty() && !def.equals("false") && !def.equals("0")) {
                        sb.append(" (default ").append(o.type() == String.class ? "\"" + def + "\"" : def).append(')');
                    }
                    sb.append('\n');
                });
        // the command's examples, where it has them
        for (String line : spec.usageMessage().footer()) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    private static String kind(Class<?> type) {
        if (type == boolean.class || type == Boolean.class) {
            return "";
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return " int";
        }
        return type == String.class ? " string" : " value";
    }
}
