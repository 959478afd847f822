package io.netcap.decoder.resolve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The database directory's {@code hosts} file (docs/enrichment.md, "Local DNS"): lines {@code IP<TAB>name},
 * {@code #} comments; a line that does not split into exactly two fields at tabs is ignored, as in the
 * original. Addresses are matched by their text.
 */
public final class LocalHosts {
    public static final String FILE = "hosts";
    static final int MAX_ENTRIES = 1 << 20;

    private final Map<String, String> names = new HashMap<>();

    private LocalHosts() {}

    public static LocalHosts load(Path dir, Log log) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            log.problem("local DNS: no " + f + "; DNS names stay empty");
            return null;
        }
        LocalHosts h = new LocalHosts();
        long skipped = 0;
        for (String line : new String(Files.readAllBytes(f), StandardCharsets.UTF_8).split("\\R")) {
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            String[] parts = line.split("\t", -1);
            if (parts.length == 2 && h.names.size() < MAX_ENTRIES) {
                h.names.put(parts[0], parts[1]);
            } else {
                skipped++;
            }
        }
        log.line("local DNS: " + h.names.size() + " names from " + f + Log.skipped(skipped));
        return h;
    }

    /** The name of an address text, or "". */
    public String name(String address) {
        return names.getOrDefault(address, "");
    }
}
