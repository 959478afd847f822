package io.netcap.cli;

import io.netcap.decoder.resolve.GeoLocations;
import io.netcap.decoder.resolve.MacVendors;
import io.netcap.decoder.resolve.ServiceNames;
import io.netcap.vuln.Indexes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code net util}'s database actions (docs/enrichment.md, "net util and the databases"). Only what installed
 * data allows is done offline; the original's download actions say what they would need.
 */
final class DatabaseCommands {
    /** Debian's ieee-data: the IEEE MAC registries. */
    static final Path IEEE_DATA = Path.of("/usr/share/ieee-data");

    private final Path dbs;
    private final PrintWriter out;
    private final PrintWriter err;

    DatabaseCommands(Path dbs, PrintWriter out, PrintWriter err) {
        this.dbs = dbs;
        this.out = out;
        this.err = err;
    }

    /** {@code -generate-dbs}: copies the installed IEEE registries into the database directory. */
    int generate(Path ieeeData, boolean force) {
        if (!Files.isRegularFile(ieeeData.resolve(MacVendors.IEEE_FILES.getFirst()))) {
            err.println("-generate-dbs: no " + ieeeData.resolve(MacVendors.IEEE_FILES.getFirst())
                    + ": install the Debian package ieee-data (the IEEE MAC registries)");
            return 1;
        }
        try {
            Files.createDirectories(dbs);
            for (String name : MacVendors.IEEE_FILES) {
                Path from = ieeeData.resolve(name);
                Path to = dbs.resolve(name);
                if (!Files.isRegularFile(from)) {
                    out.println("skipped " + name + ": no " + from);
                } else if (Files.exists(to) && !force) {
                    out.println("kept " + to + " (exists; -force replaces it)");
                } else {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                    out.println("wrote " + to + " from " + from);
                }
            }
        } catch (IOException e) {
            err.println("-generate-dbs: " + IoReason.describe(e));
            return 1;
        }
        List<String> missing = new ArrayList<>();
        for (String name : List.of(GeoLocations.CITY, GeoLocations.ASN, ServiceNames.IANA_CSV)) {
            if (!Files.exists(dbs.resolve(name))) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            out.println("not in " + dbs + " (no Debian package has them; place them there): " + String.join(", ", missing)
                    + "; service names fall back to " + ServiceNames.SYSTEM_SERVICES);
        }
        return 0;
    }

    /**
     * {@code -index nvd|exploit-db|all}: the Lucene indexes of Vulnerability and Exploit records from files the
     * user placed in the database directory (docs/enrichment.md, "Vulnerabilities and exploits"): NVD feeds
     * {@code nvdcve-1.1-<year>.json[.gz]} from {@code startYear} on, plus any {@code nvdcve-1.1-modified},
     * {@code nvdcve-1.1-recent} and {@code nvd-*.json[.gz]} (CVE API 2.0 answers); exploit-db's
     * {@code files_exploits.csv}.
     */
    int index(String type, int startYear) {
        boolean nvd = type.equals("nvd") || type.equals("all");
        boolean edb = type.equals("exploit-db") || type.equals("all");
        if (!nvd && !edb) {
            err.println("-index " + type + ": allowed are nvd, exploit-db, all");
            return GoFlags.USAGE_ERROR;
        }
        try {
            if (nvd) {
                List<Path> feeds = new ArrayList<>();
                try (var files = Files.list(dbs)) {
                    files.filter(f -> nvdFeed(f.getFileName().toString(), startYear)).sorted().forEach(feeds::add);
                }
                if (feeds.isEmpty()) {
                    err.println("-index nvd: no NVD feeds (nvdcve-1.1-<year>.json[.gz] or nvd-*.json[.gz]) in " + dbs);
                    return 1;
                }
                Indexes.Built b = Indexes.nvd(dbs, feeds);
                out.println("wrote " + dbs.resolve(Indexes.NVD) + ": " + b.documents() + " CVEs from " + feeds.size()
                        + " feeds" + (b.skipped() == 0 ? "" : ", " + b.skipped() + " items without ID skipped"));
            }
            if (edb) {
                Path csv = dbs.resolve(EXPLOIT_DB_CSV);
                if (!Files.isRegularFile(csv)) {
                    err.println("-index exploit-db: no " + csv + " (exploit-db's files_exploits.csv)");
                    return 1;
                }
                Indexes.Built b = Indexes.exploits(dbs, csv);
                out.println("wrote " + dbs.resolve(Indexes.EXPLOITS) + ": " + b.documents() + " exploits"
                        + (b.skipped() == 0 ? "" : ", " + b.skipped() + " malformed rows skipped"));
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("-index " + type + ": " + IoReason.describe(e));
            return 1;
        }
    }

    static final String EXPLOIT_DB_CSV = "files_exploits.csv";

    /** An NVD feed file name -index nvd reads: yearly feeds from {@code startYear} on, and the others. */
    static boolean nvdFeed(String name, int startYear) {
        String n = name.replaceFirst("\\.gz$", "");
        if (!n.endsWith(".json")) {
            return false;
        }
        if (n.startsWith("nvd-")) {
            return true;
        }
        var year = java.util.regex.Pattern.compile("nvdcve-1\\.1-(\\d{4})\\.json").matcher(n);
        if (year.matches()) {
            return Integer.parseInt(year.group(1)) >= startYear;
        }
        return n.startsWith("nvdcve-1.1-");
    }

    /** The original's actions that fetch from the network: one line naming what they need. */
    int needsDownload(String action) {
        String what = switch (action) {
            case "-download-geolite" -> "downloads GeoLite2 from MaxMind with NETCAP_GEOLITE_API_KEY; place "
                    + GeoLocations.CITY + " and " + GeoLocations.ASN + " in " + dbs + " instead";
            default -> "fetches the original's database repository over the network; use -generate-dbs for what installed Debian data gives";
        };
        err.println(action + ": not available offline: it " + what);
        return 1;
    }
}
