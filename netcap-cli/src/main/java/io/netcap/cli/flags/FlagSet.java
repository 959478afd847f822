package io.netcap.cli.flags;

import io.netcap.types.format.GoDuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flags with the original's syntax and sources (docs/engine.md, "Flags"): Go flag syntax on the command
 * line, {@code NC_<NAME>} environment variables ({@link Environment}), and a {@code name value}
 * configuration file named by {@code -config}; command line &gt; environment &gt; file &gt; default.
 */
public final class FlagSet {
    /** Value kinds; they decide parsing, printing and whether a flag takes a separate argument. */
    public enum Kind { BOOL, STRING, INT, DURATION }

    /** Where a flag's value came from. */
    public enum Source { DEFAULT, FILE, ENVIRONMENT, COMMAND_LINE }

    public static final String CONFIG = "config";
    public static final String GEN_CONFIG = "gen-config";

    private static final class Flag {
        final String name;
        final Kind kind;
        final String defaultValue;
        final String usage;
        Object value;
        Source source = Source.DEFAULT;

        Flag(String name, Kind kind, String defaultValue, String usage) {
            this.name = name;
            this.kind = kind;
            this.defaultValue = defaultValue;
            this.usage = usage;
        }
    }

    private final String tool;
    private final Map<String, Flag> flags = new TreeMap<>(); // lexicographic, as -gen-config prints them
    private final Map<String, String> aliases = new TreeMap<>();
    private final Map<String, String> unavailable = new TreeMap<>(); // name -> why
    private List<String> rest = List.of();

    public FlagSet(String tool) {
        this.tool = tool;
        define(CONFIG, Kind.STRING, "", "read configuration from file at path");
        define(GEN_CONFIG, Kind.BOOL, "false", "print configuration file with default values and exit");
    }

    public FlagSet define(String name, Kind kind, String defaultValue, String usage) {
        Flag f = new Flag(name, kind, defaultValue, usage);
        try {
            f.value = convert(f, defaultValue);
        } catch (FlagException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        flags.put(name, f);
        return this;
    }

    public FlagSet bool(String name, boolean def, String usage) {
        return define(name, Kind.BOOL, Boolean.toString(def), usage);
    }

    public FlagSet string(String name, String def, String usage) {
        return define(name, Kind.STRING, def, usage);
    }

    public FlagSet integer(String name, long def, String usage) {
        return define(name, Kind.INT, Long.toString(def), usage);
    }

    public FlagSet duration(String name, Duration def, String usage) {
        return define(name, Kind.DURATION, GoDuration.format(def), usage);
    }

    /** An older spelling accepted on the command line and in files (not printed by -gen-config). */
    public FlagSet alias(String oldName, String name) {
        flag(name);
        aliases.put(oldName, name);
        return this;
    }

    /**
     * A flag of a feature that is not built: hidden from usage and {@code -gen-config}, and rejected with
     * "-name: why" when set to another value than its default, wherever: its default is what this
     * implementation does, so {@code -proto} or {@code -debug=false} change nothing, and the original's
     * configuration files, which list every flag with its default, load.
     */
    public FlagSet unavailable(String name, String why) {
        flag(name);
        unavailable.put(name, why);
        return this;
    }

    public boolean isUnavailable(String name) {
        return unavailable.containsKey(name);
    }

    private void rejectUnavailable() throws FlagException {
        for (Map.Entry<String, String> e : unavailable.entrySet()) {
            Flag f = flag(e.getKey());
            if (f.source != Source.DEFAULT && !f.value.equals(convert(f, f.defaultValue))) {
                throw new FlagException("-" + f.name + ": " + e.getValue());
            }
        }
    }

    private Flag lookup(String name) {
        Flag f = flags.get(name);
        return f != null ? f : flags.get(aliases.getOrDefault(name, ""));
    }

    /** Parses all three sources. {@code env} is usually {@code System.getenv()}. */
    public void parse(List<String> args, Map<String, String> env) throws FlagException {
        parseCommandLine(args);
        applyEnvironment(env);
        String config = getString(CONFIG);
        if (!config.isEmpty()) {
            applyFile(Path.of(config));
        }
        rejectUnavailable();
    }

    /** Go's flag.Parse: stops at the first non-flag argument or after {@code --}. */
    void parseCommandLine(List<String> args) throws FlagException {
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i);
            if (a.length() < 2 || a.charAt(0) != '-') {
                break;
            }
            i++;
            if (a.equals("--")) {
                break;
            }
            String body = a.startsWith("--") ? a.substring(2) : a.substring(1);
            if (body.isEmpty() || body.charAt(0) == '-' || body.charAt(0) == '=') {
                throw new FlagException("bad flag syntax: " + a);
            }
            String name = body;
            String value = null;
            int eq = body.indexOf('=');
            if (eq >= 0) {
                name = body.substring(0, eq);
                value = body.substring(eq + 1);
            }
            Flag f = lookup(name);
            if (f == null) {
                if (name.equals("h") || name.equals("help")) {
                    throw FlagException.help();
                }
                throw new FlagException("flag provided but not defined: -" + name);
            }
            if (f.kind == Kind.BOOL) {
                if (value == null) {
                    value = "true";
                }
            } else if (value == null) {
                if (i >= args.size()) {
                    throw new FlagException("flag needs an argument: -" + name);
                }
                value = args.get(i++);
            }
            set(f, value, Source.COMMAND_LINE, "invalid value \"" + value + "\" for flag -" + name);
        }
        rest = List.copyOf(args.subList(i, args.size()));
    }

    void applyEnvironment(Map<String, String> env) throws FlagException {
        for (Flag f : flags.values()) {
            if (f.source != Source.DEFAULT) {
                continue;
            }
            String v = Environment.value(env, f.name, f.kind == Kind.BOOL);
            if (v != null) {
                set(f, v, Source.ENVIRONMENT,
                        "invalid value \"" + v + "\" for environment variable " + Environment.variable(f.name));
            }
        }
    }

    /** A configuration file's settings; an error names the file, as the other tools' files do (docs/engine.md). */
    void applyFile(Path file) throws FlagException {
        List<ConfigFile.Entry> entries = ConfigFile.read(file); // an unreadable file names itself
        try {
            applyEntries(entries);
        } catch (FlagException e) {
            throw new FlagException(file + ": " + e.getMessage());
        }
    }

    private void applyEntries(List<ConfigFile.Entry> entries) throws FlagException {
        for (ConfigFile.Entry e : entries) {
            String name = e.name();
            String value = e.value();
            Flag f = lookup(name);
            if (f == null) {
                throw new FlagException("configuration variable provided but not defined: " + name);
            }
            if (f.source != Source.DEFAULT || f.name.equals(CONFIG) || f.name.equals(GEN_CONFIG)) {
                continue; // a higher source already set it
            }
            if (value == null) {
                if (f.kind != Kind.BOOL) {
                    throw new FlagException("configuration variable needs a value: " + name);
                }
                value = "true";
            } else if (f.kind == Kind.BOOL && value.isEmpty()) {
                value = "true";
            }
            set(f, value, Source.FILE, "invalid value \"" + value + "\" for configuration variable " + name);
        }
    }

    private void set(Flag f, String value, Source source, String error) throws FlagException {
        try {
            f.value = convert(f, value);
        } catch (FlagException e) {
            throw new FlagException(error + ": " + e.getMessage());
        }
        f.source = source;
    }

    private static Object convert(Flag f, String v) throws FlagException {
        try {
            return switch (f.kind) {
                case STRING -> v;
                case BOOL -> {
                    Boolean b = ConfigFile.parseBool(v);
                    if (b == null) {
                        throw new FlagException("parse error");
                    }
                    yield b;
                }
                case INT -> Long.decode(v.trim());
                case DURATION -> GoDuration.parse(v);
            };
        } catch (NumberFormatException e) {
            throw new FlagException("parse error");
        } catch (IllegalArgumentException e) {
            throw new FlagException(e.getMessage());
        }
    }

    /** Arguments left after the flags. */
    public List<String> rest() {
        return rest;
    }

    public boolean getBool(String name) {
        return (Boolean) flag(name).value;
    }

    public String getString(String name) {
        return (String) flag(name).value;
    }

    public long getInt(String name) {
        return (Long) flag(name).value;
    }

    public Duration getDuration(String name) {
        return (Duration) flag(name).value;
    }

    public Source source(String name) {
        return flag(name).source;
    }

    public boolean isSet(String name) {
        return flag(name).source != Source.DEFAULT;
    }

    private Flag flag(String name) {
        Flag f = flags.get(name);
        if (f == null) {
            throw new IllegalArgumentException("undefined flag " + name);
        }
        return f;
    }

    /** The {@code -gen-config} text: every flag with its default, in lexicographic order. */
    public String generateConfig(String version) {
        return ConfigFile.text(tool, version, settings());
    }

    /** The flags {@code -gen-config} prints (all but itself and the unavailable ones), in lexicographic order. */
    public List<ConfigFile.Setting> settings() {
        List<ConfigFile.Setting> settings = new ArrayList<>();
        for (Flag f : flags.values()) {
            if (!f.name.equals(GEN_CONFIG) && !unavailable.containsKey(f.name)) {
                settings.add(new ConfigFile.Setting(f.name, f.usage, f.defaultValue));
            }
        }
        return settings;
    }

    /** The default of a flag, by its name or an alias, as {@code -gen-config} prints it; null for none. */
    public String defaultValue(String name) {
        Flag f = lookup(name);
        return f == null ? null : f.defaultValue;
    }

    /** Usage text: one entry per flag like Go's PrintDefaults. */
    public String usage() {
        StringBuilder sb = new StringBuilder();
        for (Flag f : flags.values()) {
            if (unavailable.containsKey(f.name)) {
                continue;
            }
            sb.append("  -").append(f.name);
            switch (f.kind) {
                case STRING -> sb.append(" string");
                case INT -> sb.append(" int");
                case DURATION -> sb.append(" duration");
                case BOOL -> { }
            }
            sb.append("\n    \t").append(f.usage);
            boolean zero = f.defaultValue.isEmpty() || f.defaultValue.equals("false") || f.defaultValue.equals("0")
                    || f.defaultValue.equals("0s");
            if (!zero) {
                sb.append(" (default ").append(f.kind == Kind.STRING ? "\"" + f.defaultValue + "\"" : f.defaultValue)
                        .append(')');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Every flag as a markdown table row, in lexicographic order: name, kind, default and state ("works",
     * or "not available" with the reason, for the hidden ones); docs/cli.md holds this table.
     */
    public String markdown() {
        StringBuilder sb = new StringBuilder("| flag | value | default | state | what |\n|---|---|---|---|---|\n");
        for (Flag f : flags.values()) {
            String why = unavailable.get(f.name);
            sb.append("| `-").append(f.name).append("` | ").append(f.kind.name().toLowerCase(java.util.Locale.ROOT))
                    .append(" | ").append(f.defaultValue.isEmpty() ? "" : "`" + f.defaultValue + "`")
                    .append(" | ").append(why == null ? "works" : why)
                    .append(" | ").append(f.usage.replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    public List<String> names() {
        return new ArrayList<>(flags.keySet());
    }

    /** The kind of a flag's value, by its name or an alias; null for none. */
    public Kind kind(String name) {
        Flag f = lookup(name);
        return f == null ? null : f.kind;
    }

    /** Other spellings accepted, each with the flag's name. */
    public Map<String, String> aliases() {
        return Collections.unmodifiableMap(aliases);
    }
}
