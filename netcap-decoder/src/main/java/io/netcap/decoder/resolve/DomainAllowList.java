package io.netcap.decoder.resolve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The database directory's {@code domain-whitelist.csv}, the original's list of well-known domains that its
 * "filtered" Maltego views leave out: lines {@code rank,domain}; empty lines and lines starting with {@code #} or
 * {@code *} are skipped, as the original skips them. A name is on the list when its last two labels are (so
 * {@code www.example.com} is when {@code example.com} is), as the original compares them.
 */
public final class DomainAllowList {
    public static final String FILE = "domain-whitelist.csv";
    static final int MAX_ENTRIES = 1 << 22;

    private final Set<String> domains = new HashSet<>();

    private DomainAllowList() {}

    /** The list in {@code dir}, or null when there is none. */
    public static DomainAllowList load(Path dir, Log log) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            log.problem("domain allow list: no " + f + "; nothing is left out");
            return null;
        }
        DomainAllowList list = new DomainAllowList();
        long[] skipped = {0};
        long rejected = CsvFile.records(f, 3, r -> {
            if (r.get(0).startsWith("#") || r.get(0).startsWith("*")) {
                return;
            }
            if (r.size() == 2 && list.domains.size() < MAX_ENTRIES) {
                list.domains.add(r.get(1).toLowerCase(Locale.ROOT));
            } else {
                skipped[0]++;
            }
        });
        log.line("domain allow list: " + list.domains.size() + " domains from " + f + Log.skipped(skipped[0] + rejected));
        return list;
    }

    /** Whether the name's last two labels are on the list; a port after the name ({@code host:8080}) is left out. */
    public boolean contains(String name) {
        int colon = name.lastIndexOf(':');
        if (colon > 0 && name.indexOf(':') == colon) {
            name = name.substring(0, colon);
        }
        int last = name.lastIndexOf('.');
        int before = last > 0 ? name.lastIndexOf('.', last - 1) : -1;
        return domains.contains(name.substring(before + 1).toLowerCase(Locale.ROOT));
    }
}
