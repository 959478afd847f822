package io.netcap.cli.flags;

import java.util.Locale;
import java.util.Map;

/**
 * {@code NC_<NAME>} environment variables, the one implementation for every tool (docs/engine.md,
 * "Flags"): a variable sets the flag of the same name (upper case, {@code -} replaced by {@code _}), and
 * an empty value sets a boolean flag to true. It ranks below the command line and above the
 * configuration file.
 */
public final class Environment {
    /** Prefix of the variables that set flags. */
    public static final String PREFIX = "NC_";

    private Environment() {}

    /** The variable that sets a flag: {@code -struct-sep} → {@code NC_STRUCT_SEP}. */
    public static String variable(String flag) {
        String bare = flag.replaceFirst("^-+", "");
        return PREFIX + bare.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The flag's value from {@code env}, or null when its variable is not set. */
    public static String value(Map<String, String> env, String flag, boolean bool) {
        String v = env.get(variable(flag));
        return bool && v != null && v.isEmpty() ? "true" : v;
    }
}
