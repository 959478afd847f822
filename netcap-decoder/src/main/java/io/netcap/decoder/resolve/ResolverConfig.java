package io.netcap.decoder.resolve;

import java.nio.file.Path;
import java.util.Map;

/**
 * Which resolvers run and where their databases are (docs/enrichment.md): the original's flags
 * {@code -macDB}, {@code -ja3DB}, {@code -serviceDB}, {@code -geoDB} and {@code -local-dns}, and its database
 * directory {@code $NC_CONFIG_ROOT/dbs}.
 *
 * @param dbs        the database directory
 * @param localDns   read {@code hosts} of the database directory; it is also read without this flag when
 *                   the file exists and reverse DNS is off, as the original does
 * @param dpi        {@code -dpi}: nDPI classifies every flow for {@code IPProfile.Protocols}
 * @param reverseDns {@code -reverse-dns}: {@code Service.Hostname} from the system's resolver; {@code hosts}
 *                   is then not read at all, as in the original
 */
public record ResolverConfig(Path dbs, boolean macDB, boolean ja3DB, boolean serviceDB, boolean geoDB,
                             boolean localDns, boolean dpi, boolean reverseDns) {
    /** The original's configuration root when {@code NC_CONFIG_ROOT} is not set. */
    public static final String DEFAULT_CONFIG_ROOT = "/usr/local/etc/netcap";
    public static final String CONFIG_ROOT_VARIABLE = "NC_CONFIG_ROOT";

    /** Every resolver off: no database is opened and no line is printed. */
    public static final ResolverConfig OFF = new ResolverConfig(Path.of(DEFAULT_CONFIG_ROOT, "dbs"),
            false, false, false, false, false, false, false);

    /** {@code <NC_CONFIG_ROOT>/dbs}, the root defaulting to {@value #DEFAULT_CONFIG_ROOT}. */
    public static Path databaseDirectory(Map<String, String> environment) {
        String root = environment.getOrDefault(CONFIG_ROOT_VARIABLE, "");
        return Path.of(root.isEmpty() ? DEFAULT_CONFIG_ROOT : root, "dbs");
    }

    public boolean any() {
        return macDB || ja3DB || serviceDB || geoDB || localDns || dpi || reverseDns;
    }

    /** The original reads {@code hosts} with {@code -local-dns} or when it exists, unless reverse DNS is on. */
    public boolean readsHosts() {
        return !reverseDns && (localDns || java.nio.file.Files.exists(dbs.resolve(LocalHosts.FILE)));
    }
}
