package io.netcap.decoder.resolve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Port to service name (docs/enrichment.md, "Service names"). With IANA's
 * {@code service-names-port-numbers.csv} in the database directory the name is the original's: the
 * entry's <em>description</em> lower-cased, {@code /} and spaces turned into {@code -}, brackets removed,
 * then {@code ---} and {@code -&-} into {@code -} (an empty description gives {@code .}); {@code Reserved}
 * entries are skipped, ranges {@code a-b} cover every port, and a later entry for a port replaces an
 * earlier one. Without it a services(5) file is read ({@code /etc/services}), whose first entry for a
 * port gives its service name, as getservbyport(3) does.
 */
public final class ServiceNames {
    public static final String IANA_CSV = "service-names-port-numbers.csv";
    public static final Path SYSTEM_SERVICES = Path.of("/etc/services");

    private final String[] tcp = new String[65536];
    private final String[] udp = new String[65536];
    long bad;

    private ServiceNames() {}

    /** The IANA file of {@code dir}, else {@code services}; null when neither exists. */
    static ServiceNames load(Path dir, Path services, Log log) throws IOException {
        ServiceNames n = new ServiceNames();
        Path iana = dir.resolve(IANA_CSV);
        Path from;
        if (Files.isRegularFile(iana)) {
            n.readIana(iana);
            from = iana;
        } else if (Files.isRegularFile(services)) {
            n.readServices(services);
            from = services;
        } else {
            log.problem("service names: no " + iana + " and no " + services + "; service names stay empty");
            return null;
        }
        log.line("service names: " + count(n.tcp) + " TCP and " + count(n.udp) + " UDP ports from " + from
                + Log.skipped(n.bad));
        return n;
    }

    /** The name for a port; {@code transport} {@code TCP} reads the TCP table, anything else UDP's, as in the original. */
    public String name(int port, String transport) {
        if (port < 0 || port > 65535) {
            return "";
        }
        String s = ("TCP".equals(transport) ? tcp : udp)[port];
        return s == null ? "" : s;
    }

    private void readIana(Path f) throws IOException {
        boolean[] header = {true};
        long rejected = CsvFile.records(f, 4, x -> {
            if (header[0]) {
                header[0] = false;
                return;
            }
            if (x.size() < 4) {
                bad++;
                return;
            }
            String ports = x.get(1);
            if (ports.isEmpty() || x.get(3).equals("Reserved")) {
                return;
            }
            int dash = ports.indexOf('-');
            int from = number(dash < 0 ? ports : ports.substring(0, dash));
            int to = dash < 0 ? from : number(ports.substring(dash + 1));
            String[] table = switch (x.get(2)) {
                case "tcp" -> tcp;
                case "udp" -> udp;
                default -> null;
            };
            if (from < 0 || to < from) {
                bad++;
            } else if (table != null) {
                String name = ianaName(x.get(3));
                for (int p = from; p <= to; p++) {
                    table[p] = name;
                }
            }
        });
        bad += rejected; // after the call: the callback counts into bad too
    }

    /** services(5): {@code name port/protocol [aliases] [# comment]}. */
    private void readServices(Path f) throws IOException {
        for (String line : new String(Files.readAllBytes(f), StandardCharsets.UTF_8).split("\\R")) {
            int hash = line.indexOf('#');
            String[] w = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
            if (w.length < 2) {
                continue;
            }
            int slash = w[1].indexOf('/');
            int port = slash < 0 ? -1 : number(w[1].substring(0, slash));
            if (port < 0) {
                bad++;
                continue;
            }
            // Wireshark's copy of the IANA list merges protocols: "1/tcp/udp"
            for (String proto : w[1].substring(slash + 1).split("/")) {
                String[] table = proto.equals("tcp") ? tcp : proto.equals("udp") ? udp : null;
                if (table != null && table[port] == null) {
                    table[port] = w[0];
                }
            }
        }
    }

    /** The original's service name from an IANA description. */
    static String ianaName(String description) {
        String s = replace(description.toLowerCase(Locale.ROOT), true);
        s = replace(s, false);
        return s.isEmpty() ? "." : s; // Go's filepath.Clean of "" (no "/" is left for it to act on otherwise)
    }

    /**
     * One left-to-right pass of Go's strings.Replacer: at each position the first listed pattern that matches
     * is replaced and scanning goes on after it. The first pass has the single characters and the two
     * triplets, the second only the triplets.
     */
    private static String replace(String s, boolean first) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (first && (c == '/' || c == ' ')) {
                b.append('-');
                i++;
            } else if (first && (c == '[' || c == ']' || c == '(' || c == ')')) {
                i++;
            } else if (s.startsWith("---", i) || s.startsWith("-&-", i)) {
                b.append('-');
                i += 3;
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    private static int number(String s) {
        if (s.isEmpty() || s.length() > 5) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        int n = Integer.parseInt(s);
        return n > 65535 ? -1 : n;
    }

    private static int count(String[] t) {
        int n = 0;
        for (String s : t) {
            if (s != null) {
                n++;
            }
        }
        return n;
    }
}
