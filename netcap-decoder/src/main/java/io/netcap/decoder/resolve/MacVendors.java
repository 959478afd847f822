package io.netcap.decoder.resolve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MAC address to manufacturer (docs/enrichment.md, "MAC vendors"). Sources in the database directory:
 * the original's {@code macaddress.io-db.json} (one object per line; its {@code oui} {@code 08:EC:F5} is
 * matched against the first three bytes, as the original matches the first 8 characters of the MAC text)
 * and the IEEE registries as Debian's {@code ieee-data} ships them: {@code oui.csv} (MA-L, 24-bit),
 * {@code mam.csv} (MA-M, 28-bit) and {@code oui36.csv} (MA-S, 36-bit). The longest registered prefix wins;
 * within one prefix length the first entry read wins (macaddress.io before the IEEE files, and the file's
 * first line where the IEEE lists one assignment twice).
 */
public final class MacVendors {
    public static final String MACADDRESS_IO = "macaddress.io-db.json";
    /** The IEEE registries, MA-L, MA-M, MA-S. */
    public static final List<String> IEEE_FILES = List.of("oui.csv", "mam.csv", "oui36.csv");
    /** Cap per prefix length: the registries hold about 40 000 entries in all. */
    static final int MAX_ENTRIES = 1 << 20;

    /** Prefix to organisation, per prefix length 24, 28, 36 bits. */
    private final Map<Long, String> l = new HashMap<>();
    private final Map<Long, String> m = new HashMap<>();
    private final Map<Long, String> s = new HashMap<>();
    long bad;
    long dropped;

    private MacVendors() {}

    /** What {@code dir} holds, or null when it holds none of the files. */
    static MacVendors load(Path dir, Log log) throws IOException {
        MacVendors v = new MacVendors();
        boolean any = false;
        Path json = dir.resolve(MACADDRESS_IO);
        if (Files.isRegularFile(json)) {
            any = true;
            FlatJson.Counts c = FlatJson.lines(json, o -> v.addMacaddressIo(o.get("oui"), o.get("companyName")));
            v.bad += c.bad;
        }
        for (String name : IEEE_FILES) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) {
                any = true;
                v.readIeee(f);
            }
        }
        if (!any) {
            return null;
        }
        log.line("MAC vendors: " + v.l.size() + " MA-L, " + v.m.size() + " MA-M, " + v.s.size() + " MA-S prefixes from "
                + dir + Log.skipped(v.bad + v.dropped));
        return v;
    }

    /** The manufacturer of a MAC given as its 48 bits, or "" when no registered prefix matches. */
    public String manufacturer(long mac48) {
        String r = s.get(mac48 >>> 12);
        if (r == null) {
            r = m.get(mac48 >>> 20);
        }
        if (r == null) {
            r = l.get(mac48 >>> 24);
        }
        return r == null ? "" : r;
    }

    private void addMacaddressIo(String oui, String company) {
        // "08:EC:F5": the MA-L form; longer blocks in this file never matched the original's 8-character key
        if (oui == null || company == null || oui.length() != 8 || oui.charAt(2) != ':' || oui.charAt(5) != ':') {
            bad++;
            return;
        }
        long p = hex(oui.substring(0, 2) + oui.substring(3, 5) + oui.substring(6, 8));
        if (p < 0) {
            bad++;
            return;
        }
        put(l, p, company);
    }

    /** {@code Registry,Assignment,Organization Name,Organization Address}; the assignment's length gives the block. */
    private void readIeee(Path f) throws IOException {
        long rejected = CsvFile.records(f, 3, fields -> {
            if (fields.getFirst().equals("Registry")) {
                return; // the header
            }
            if (fields.size() < 3) {
                bad++;
                return;
            }
            String a = fields.get(1).trim();
            long p = hex(a);
            Map<Long, String> table = switch (p < 0 ? 0 : a.length()) {
                case 6 -> l;
                case 7 -> m;
                case 9 -> s;
                default -> null;
            };
            if (table == null) {
                bad++;
            } else {
                put(table, p, fields.get(2).trim());
            }
        });
        bad += rejected; // after the call: the callback counts into bad too
    }

    private void put(Map<Long, String> table, long prefix, String name) {
        if (table.size() >= MAX_ENTRIES && !table.containsKey(prefix)) {
            dropped++;
            return;
        }
        table.putIfAbsent(prefix, name);
    }

    /** Hex digits as a number, or -1. */
    static long hex(String h) {
        if (h.isEmpty() || h.length() > 12) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < h.length(); i++) {
            int d = Character.digit(h.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }
}
