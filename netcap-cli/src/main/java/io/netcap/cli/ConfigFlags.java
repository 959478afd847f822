package io.netcap.cli;

import io.netcap.cli.flags.CaptureFlags;
import io.netcap.cli.flags.ConfigFile;
import io.netcap.cli.flags.Environment;
import io.netcap.cli.flags.FlagException;
import io.netcap.cli.flags.FlagSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code -config FILE} and {@code -gen-config} for the tools with a picocli model, as {@code net capture} has
 * them through {@link FlagSet} (docs/engine.md, "Flags"). The file's settings become command-line arguments
 * for the flags that neither the command line nor the environment set, so the precedence is the original's:
 * command line &gt; environment &gt; file &gt; default. Tools that hand unknown flags to a capture
 * ({@code agent}, {@code export}) also take {@code net capture}'s flags in the file.
 */
final class ConfigFlags {
    static final String CONFIG = "-" + FlagSet.CONFIG;
    static final String GEN_CONFIG = "-" + FlagSet.GEN_CONFIG;

    private ConfigFlags() {}

    /** Adds both flags to a tool's model. */
    static void add(CommandSpec spec) {
        spec.addOption(OptionSpec.builder(CONFIG, "-" + CONFIG).type(String.class).paramLabel("<file>")
                .description("read configuration from file at path").build());
        spec.addOption(OptionSpec.builder(GEN_CONFIG, "-" + GEN_CONFIG).type(boolean.class).arity("0..1")
                .fallbackValue("true").description("print configuration file with default values and exit").build());
    }

    static boolean generate(ParseResult tool) {
        OptionSpec gen = tool.commandSpec().findOption(GEN_CONFIG);
        return gen != null && Boolean.TRUE.equals(gen.getValue());
    }

    static String file(ParseResult tool) {
        OptionSpec config = tool.commandSpec().findOption(CONFIG);
        return config == null || config.getValue() == null ? "" : config.getValue();
    }

    /** The {@code -gen-config} text: the tool's flags, and for a tool that runs captures the capture flags it does not define. */
    static String text(CommandSpec spec) {
        List<ConfigFile.Setting> settings = new ArrayList<>();
        Set<String> own = new HashSet<>();
        for (OptionSpec o : spec.options()) {
            if (shown(o)) {
                own.add(name(o));
                settings.add(new ConfigFile.Setting(name(o), String.join(" ", o.description()), defaultValue(o)));
            }
        }
        if (runsCaptures(spec)) {
            CaptureFlags.define().settings().stream().filter(s -> !own.contains(s.name())).forEach(settings::add);
        }
        settings.sort((a, b) -> a.name().compareTo(b.name()));
        return ConfigFile.text(spec.name(), Net.VERSION, settings);
    }

    /**
     * The file's settings as arguments, for the flags the command line and the environment left alone; a setting
     * that equals the flag's default is left out, as it changes nothing, and so is a flag's second setting.
     */
    static List<String> arguments(ParseResult tool, Path file, Map<String, String> env) throws FlagException {
        CommandSpec spec = tool.commandSpec();
        FlagSet capture = runsCaptures(spec) ? CaptureFlags.define() : null;
        List<String> args = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConfigFile.Entry e : ConfigFile.read(file)) {
            String name = e.name();
            if (name.equals(FlagSet.CONFIG) || name.equals(FlagSet.GEN_CONFIG)) {
                continue;
            }
            OptionSpec o = option(spec, name);
            boolean bool;
            String def;
            boolean given;
            if (o != null) {
                bool = o.type() == boolean.class || o.type() == Boolean.class;
                def = defaultValue(o);
                given = tool.hasMatchedOption(o);
            } else if (capture != null && capture.kind(name) != null) {
                bool = capture.kind(name) == FlagSet.Kind.BOOL;
                def = capture.defaultValue(name);
                given = tool.unmatched().stream().anyMatch(a -> a.equals("-" + name) || a.equals("--" + name)
                        || a.startsWith("-" + name + "=") || a.startsWith("--" + name + "="));
            } else {
                throw new FlagException("configuration variable provided but not defined: " + name);
            }
            String value = e.value();
            if (value == null || (bool && value.isEmpty())) {
                if (!bool) {
                    throw new FlagException("configuration variable needs a value: " + name);
                }
                value = "true";
            }
            if (bool && ConfigFile.parseBool(value) == null) {
                throw new FlagException("invalid value \"" + value + "\" for configuration variable " + name + ": parse error");
            }
            boolean same = bool ? Objects.equals(ConfigFile.parseBool(value), ConfigFile.parseBool(def)) : value.equals(def);
            String key = o != null ? name(o) : name; // an option's other spellings are the same flag
            boolean first = seen.add(key); // as in capture's files: a flag's first setting counts
            String variable = o != null ? o.longestName() : name; // the spelling the environment provider asks for
            if (first && !given && !same && Environment.value(env, variable, bool) == null) {
                args.add("-" + name + "=" + value);
            }
        }
        return args;
    }

    /** The tools that hand flags they do not know to a capture ({@code @Unmatched}): agent and export. */
    private static boolean runsCaptures(CommandSpec spec) {
        return !spec.unmatchedArgsBindings().isEmpty();
    }

    private static boolean shown(OptionSpec o) {
        return !o.hidden() && !o.usageHelp() && !o.versionHelp() && !o.shortestName().equals("-h")
                && !o.shortestName().equals(GEN_CONFIG);
    }

    /** The name as the file spells it: the first, without dashes ({@code exclude} for {@code -exclude}, {@code -excluded}). */
    private static String name(OptionSpec o) {
        return o.names()[0].replaceFirst("^-+", "");
    }

    private static OptionSpec option(CommandSpec spec, String name) {
        for (OptionSpec o : spec.options()) {
            for (String n : o.names()) {
                if (n.equals("-" + name) || n.equals("--" + name)) {
                    return o.usageHelp() || o.versionHelp() || o.shortestName().equals("-h") ? null : o;
                }
            }
        }
        return null;
    }

    /** The default as Go prints it: a boolean {@code false}, a number {@code 0}, text empty. */
    static String defaultValue(OptionSpec o) {
        String def = o.defaultValue() != null ? o.defaultValue() : o.initialValue() == null ? null : String.valueOf(o.initialValue());
        if (def != null && !(o.initialValue() instanceof java.util.Collection<?>)) {
            return def;
        }
        Class<?> t = o.type();
        if (t == boolean.class || t == Boolean.class) {
            return "false";
        }
        return t == int.class || t == long.class || t == Integer.class || t == Long.class ? "0" : "";
    }
}
