package io.netcap.cli;

import io.netcap.decoder.resolve.GeoLocations;
import io.netcap.decoder.resolve.MacVendors;
import io.netcap.decoder.resolve.ServiceNames;
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

    /** The original's actions that fetch from the network: one line naming what they need. */
    int needsDownload(String action) {
        String what = switch (action) {
            case "-download-geolite" -> "downloads GeoLite2 from MaxMind with NETCAP_GEOLITE_API_KEY; place "
                    + GeoLocations.CITY + " and " + GeoLocations.ASN + " in " + dbs + " instead";
            case "-index" -> "builds the vulnerability and exploit indexes from NVD and exploit-db downloads, which are not built here";
            default -> "fetches the original's database repository over the network; use -generate-dbs for what installed Debian data gives";
        };
        err.println(action + ": not available offline: it " + what);
        return 1;
    }
}
