package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.Message;
import io.netcap.decoder.service.ProbeFile;
import io.netcap.decoder.service.ServiceConfig;
import io.netcap.testing.Corpus;
import io.netcap.testing.Tshark;
import io.netcap.types.RecordType;
import io.netcap.types.Service;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Service records of corpus captures with FTP, SSH, SMTP, POP3 and HTTP servers against TShark: for every server
 * TShark shows, its first server segment (TShark's {@code tcp.payload} at relative sequence 1, cut to the
 * banner size) is matched by the small matcher below, written apart from the decoder's: the first {@code match}
 * line of the port's nmap service in file order, its {@code p/} and {@code v/} templates with {@code $n}
 * substituted. netcap's Service record for that IP:port must carry the same product and version.
 */
class ServiceCorpusTest {
    /** The nmap service of each server port the captures use. */
    private static final Map<Integer, String> PORTS = Map.of(21, "ftp", 22, "ssh", 25, "smtp", 110, "pop3", 80, "http");
    private static final int BSIZE = 256;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {
        "chrissanders-packets__tickedoffdeveloper.pcapng",
        "ndpi__ssh.pcap",
        "suricata-verify__ssh-hassh_input.pcap",
        "chrissanders-packets__mail_sender_client_1.pcapng",
        "suricata-verify__10.7.29.101_49898-178.63.41.150_25.pcap",
        "suricata-verify__pop3-auth-01_input.pcap",
        "zeek__var-services-std-ports.pcap",
        "zeek__bro.org.pcap",
        "tcpdump__geneve.pcap",
    })
    void productAndVersionEqualTheProbeFileOnTsharksBanner(String capture) throws Exception {
        Path pcap = Corpus.pcaps().resolve(capture);
        Tshark.require();
        assumeTrue(Files.isReadable(ProbeFile.DEBIAN), "skipped: " + ProbeFile.DEBIAN + " missing (Debian nmap-common)");
        Map<String, List<String[]>> lines = probeLines(ProbeFile.DEBIAN);

        // TShark: first server segment of every connection to a known port, by server IP:port
        StringBuilder filter = new StringBuilder("tcp.len>0 && tcp.seq==1 && (");
        PORTS.keySet().forEach(p -> filter.append(filter.charAt(filter.length() - 1) == '(' ? "" : " || ")
                .append("tcp.srcport==").append(p));
        filter.append(')');
        Map<String, Set<String>> expected = new TreeMap<>();
        for (String row : Tshark.run("-r", pcap.toString(), "-Y", filter.toString(), "-T", "fields",
                "-e", "ip.src", "-e", "ipv6.src", "-e", "tcp.srcport", "-e", "tcp.payload").split("\n")) {
            String[] c = row.split("\t", -1);
            if (c.length < 4 || c[3].isEmpty()) {
                continue;
            }
            String ip = last(c[0].isEmpty() ? c[1] : c[0]); // the innermost header of a tunnel
            int port = Integer.parseInt(last(c[2]));
            byte[] payload = HexFormat.of().parseHex(last(c[3]));
            String banner = new String(payload, 0, Math.min(BSIZE, payload.length), StandardCharsets.ISO_8859_1);
            expected.computeIfAbsent(ip + ":" + port, k -> new TreeSet<>())
                    .add(identify(lines.getOrDefault(PORTS.get(port), List.of()), banner));
        }
        assertThat(expected).as("servers TShark shows in %s", capture).isNotEmpty();

        Path out = tmp.resolve("out");
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        new CaptureJob(RecordDecoding::new, discard, discard)
                .withServices(ServiceConfig.defaults().withProbes(ProbeFile.DEBIAN))
                .run(TestConfig.of(pcap, out).include(RecordType.Service).build());
        Map<String, String> actual = new HashMap<>();
        for (Message m : Runs.records(out).getOrDefault(RecordType.Service, List.of())) {
            Service s = (Service) m;
            actual.put(s.getIP() + ":" + s.getPort(), s.getProduct() + " / " + s.getVersion());
        }
        expected.forEach((server, values) -> {
            System.out.printf("%s %s: tshark banner gives %s, netcap %s%n", capture, server, values, actual.get(server));
            assertThat(actual).as("Service record of %s", server).containsKey(server);
            assertThat(values).as("%s %s", capture, server).contains(actual.get(server));
        });
    }

    /**
     * The services of a capture do not depend on how many workers saw its connections. UDP conversations are
     * keyed by addresses and ports here: by default the port pair alone keys them, and which unrelated hosts'
     * datagrams share a conversation then depends on the workers (docs/enrichment.md, "Service").
     */
    @ParameterizedTest
    @ValueSource(strings = {"zeek__var-services-std-ports.pcap", "zeek__bro.org.pcap"})
    void sameRecordsForAnyNumberOfWorkers(String capture) throws Exception {
        Path pcap = Corpus.pcaps().resolve(capture);
        assumeTrue(Files.isReadable(ProbeFile.DEBIAN), "skipped: " + ProbeFile.DEBIAN + " missing (Debian nmap-common)");
        List<List<Message>> runs = new ArrayList<>();
        for (int workers : new int[] {1, 3}) {
            Path out = tmp.resolve("w" + workers);
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
            new CaptureJob(RecordDecoding::new, discard, discard)
                    .withServices(ServiceConfig.defaults().withProbes(ProbeFile.DEBIAN))
                    .run(TestConfig.of(pcap, out).workers(workers).include(RecordType.Service, RecordType.Software)
                            .streams(io.netcap.engine.config.StreamConfig.defaults().withUdpFiveTuple(true)).build());
            Map<RecordType, List<Message>> records = Runs.records(out);
            runs.add(records.getOrDefault(RecordType.Service, List.of()));
            runs.add(records.getOrDefault(RecordType.Software, List.of()));
        }
        assertThat(runs.get(0)).isNotEmpty();
        assertThat(runs.get(2)).isEqualTo(runs.get(0));
        assertThat(runs.get(3)).isEqualTo(runs.get(1));
        // probe matches go through the capture's software table: one record per product and version, whichever
        // source (SSH identification, HTTP header, probe) saw it, and every identified service has one
        List<String> keys = runs.get(1).stream().map(m -> (io.netcap.types.Software) m)
                .map(w -> w.getProduct() + "/" + w.getVersion()).toList();
        assertThat(keys).doesNotHaveDuplicates();
        for (Message m : runs.get(0)) {
            Service s = (Service) m;
            if (!s.getProduct().isEmpty() && !s.getProduct().contains(" | ") && !s.getVersion().contains(" | ")) {
                String v = s.getVersion().length() > 15 ? s.getVersion().substring(0, 15) + "..." : s.getVersion();
                assertThat(keys).as("Software of %s:%d", s.getIP(), s.getPort()).contains(s.getProduct() + "/" + v);
            }
        }
    }

    /**
     * UDP services as the original makes them: the destination of each UDP conversation's first packet (TShark's
     * {@code udp.stream}), answered or not, with the flows of its conversations and the server bytes of its
     * earliest one (TShark's UDP payload lengths of the server's datagrams in that stream).
     */
    @ParameterizedTest
    @ValueSource(strings = {"tcpdump__ntp.pcap", "chrissanders-packets__dns_isp_hijack.pcapng"})
    void udpServicesAreTheFirstPacketsDestination(String capture) throws Exception {
        Path pcap = Corpus.pcaps().resolve(capture);
        Tshark.require();
        Map<String, String> serverOfStream = new TreeMap<>();
        Map<String, Long> serverBytes = new HashMap<>();
        Map<String, Set<String>> flows = new TreeMap<>();
        for (String row : Tshark.run("-r", pcap.toString(), "-Y", "udp", "-T", "fields", "-e", "udp.stream", "-e",
                "ip.src", "-e", "udp.srcport", "-e", "ip.dst", "-e", "udp.dstport", "-e", "udp.length").split("\n")) {
            String[] c = row.split("\t", -1);
            if (c.length < 6 || c[0].isEmpty()) {
                continue;
            }
            String src = c[1] + ":" + c[2];
            String dst = c[3] + ":" + c[4];
            if (!serverOfStream.containsKey(c[0])) {
                serverOfStream.put(c[0], dst);
                flows.computeIfAbsent(dst, k -> new TreeSet<>()).add(src + "->" + dst);
            }
            if (serverOfStream.get(c[0]).equals(src)) {
                serverBytes.merge(src + " " + c[0], Long.parseLong(c[5]) - 8, Long::sum);
            }
        }
        Path out = tmp.resolve("udp");
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        new CaptureJob(RecordDecoding::new, discard, discard)
                .withServices(ServiceConfig.defaults())
                .run(TestConfig.of(pcap, out).include(RecordType.Service).build());
        Map<String, Service> udp = new TreeMap<>();
        for (Message m : Runs.records(out).getOrDefault(RecordType.Service, List.of())) {
            Service s = (Service) m;
            if (s.getProtocol().equals("UDP")) {
                udp.put(s.getIP() + ":" + s.getPort(), s);
            }
        }
        assertThat(udp.keySet()).containsExactlyElementsOf(flows.keySet());
        udp.forEach((server, s) -> {
            assertThat(Set.copyOf(s.getFlowsList())).as(server).isEqualTo(flows.get(server));
            String first = serverOfStream.entrySet().stream().filter(e -> e.getValue().equals(server))
                    .map(Map.Entry::getKey).min(java.util.Comparator.comparingInt(Integer::parseInt)).orElseThrow();
            assertThat((long) s.getBytesServer()).as(server).isEqualTo(serverBytes.getOrDefault(server + " " + first, 0L));
        });
    }

    private static String last(String commaList) {
        return commaList.substring(commaList.lastIndexOf(',') + 1);
    }

    /** The hard match lines by nmap service: {regex, options, product template, version template}. */
    private static Map<String, List<String[]>> probeLines(Path file) throws IOException {
        Pattern line = Pattern.compile("^match (\\S+) m(.)(.*?)\\2([si]*)(.*)$");
        Map<String, List<String[]>> m = new HashMap<>();
        for (String l : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            Matcher x = line.matcher(l);
            if (x.matches() && PORTS.containsValue(x.group(1))) {
                m.computeIfAbsent(x.group(1), k -> new ArrayList<>())
                        .add(new String[] {x.group(3), x.group(4), template(x.group(5), 'p'), template(x.group(5), 'v')});
            }
        }
        return m;
    }

    /** The text of {@code p/.../} (any delimiter) in the rest of a match line, or "". */
    private static String template(String rest, char letter) {
        Matcher t = Pattern.compile("(?:^|\\s)" + letter + "(.)(.*?)\\1").matcher(rest);
        return t.find() ? t.group(2) : "";
    }

    /** "product / version" of the first line that matches, "" both when none does. */
    private static String identify(List<String[]> lines, String banner) {
        for (String[] l : lines) {
            Pattern p;
            try {
                int flags = Pattern.UNIX_LINES // PCRE's newline is LF alone
                        | (l[1].contains("i") ? Pattern.CASE_INSENSITIVE : 0) | (l[1].contains("s") ? Pattern.DOTALL : 0);
                p = Pattern.compile(l[0].replace("\\0", "\\x00"), flags);
            } catch (PatternSyntaxException e) {
                continue;
            }
            Matcher m = p.matcher(banner);
            if (m.find()) {
                return substitute(l[2], m) + " / " + substitute(l[3], m);
            }
        }
        return " / ";
    }

    private static String substitute(String template, Matcher m) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '$' && i + 1 < template.length() && Character.isDigit(template.charAt(i + 1))) {
                int g = template.charAt(++i) - '0';
                out.append(g <= m.groupCount() && m.group(g) != null ? m.group(g) : "");
            } else if (template.startsWith("$P(", i)) {
                int g = template.charAt(i + 3) - '0';
                m.group(g).chars().filter(ch -> ch >= 0x20 && ch < 0x7f).forEach(ch -> out.append((char) ch));
                i = template.indexOf(')', i);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
