package io.netcap.decoder.stream.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.Protocols;
import io.netcap.decoder.app.Truth;
import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.EndReason;
import io.netcap.decoder.stream.ReassemblyConfig;
import io.netcap.decoder.stream.StreamFeeder;
import io.netcap.decoder.stream.StreamProbe;
import io.netcap.decoder.stream.StreamSink;
import io.netcap.decoder.stream.TcpConnection;
import io.netcap.decoder.stream.TcpReassembler;
import io.netcap.decoder.stream.TextSession;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.Ipv4View;
import io.netcap.packet.layer.Ipv6View;
import io.netcap.packet.layer.LayerKind;
import io.netcap.packet.layer.LayerParser;
import io.netcap.packet.layer.Layers;
import io.netcap.packet.layer.TcpView;
import io.netcap.packet.layer.UdpView;
import io.netcap.testing.Corpus;
import io.netcap.types.HTTP;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every corpus capture with HTTP, over TCP reassembled by {@link TcpReassembler} or over UDP, chosen by {@link HttpProbe}
 * and parsed by {@link Http}, against TShark's per-frame fields ({@code http.request.method}, {@code http.host},
 * {@code http.request.uri}, {@code http.response.code}): per field, the multiset of values TShark shows and how
 * many of them our records have. TShark's field table keeps the first message of a frame only, and shows
 * interim (1xx) responses, which the records do not carry; both are reported apart. Prints the table; asserts
 * that every value TShark shows is in our records, except {@link #KNOWN_MISSING}. Our records have two more status
 * codes than TShark's table: responses whose bodies lost segments to the capture, which TShark leaves
 * undissected and which we keep (with an incomplete body).
 */
class HttpCorpusTest {
    private static final String[] FIELDS = {"method", "host", "uri", "status"};

    /** Per field: TShark's values, ours. */
    record Tally(Map<String, List<String>> tshark, Map<String, List<String>> ours) {
        Tally() {
            this(new TreeMap<>(), new TreeMap<>());
        }

        int agree(String field) {
            List<String> rest = new ArrayList<>(ours.getOrDefault(field, List.of()));
            int n = 0;
            for (String v : tshark.getOrDefault(field, List.of())) {
                if (rest.remove(v)) {
                    n++;
                }
            }
            return n;
        }

        int count(Map<String, List<String>> m, String field) {
            return m.getOrDefault(field, List.of()).size();
        }
    }

    @Test
    void agreesWithTShark() throws IOException {
        Path truth = Corpus.truth();
        Map<String, Tally> byCapture = new TreeMap<>();
        int interim = 0;
        int udp = 0;
        for (Path capture : Corpus.captures()) {
            String name = capture.getFileName().toString();
            List<Map<String, String>> rows = Truth.fields(truth, name);
            Tally t = new Tally();
            for (Map<String, String> row : rows) {
                String method = row.getOrDefault("http.request.method", "");
                String code = row.getOrDefault("http.response.code", "");
                if ((!method.isEmpty() || !code.isEmpty()) && row.getOrDefault("frame.protocols", "").contains(":udp:")) {
                    udp++;
                }
                if (!method.isEmpty()) {
                    add(t.tshark, "method", method);
                    add(t.tshark, "host", row.get("http.host"));
                    add(t.tshark, "uri", row.get("http.request.uri"));
                }
                if (!code.isEmpty()) {
                    if (code.startsWith("1") && !code.equals("101")) {
                        interim++;
                    } else {
                        add(t.tshark, "status", code);
                    }
                }
            }
            if (t.tshark.isEmpty()) {
                continue;
            }
            for (HTTP h : parse(Corpus.packets(capture))) {
                add(t.ours, "method", h.getMethod());
                add(t.ours, "host", h.getHost());
                add(t.ours, "uri", h.getURL().replace("(comma)", ","));
                if (h.getStatusCode() != 0) {
                    add(t.ours, "status", String.valueOf(h.getStatusCode()));
                }
            }
            byCapture.put(name, t);
        }
        StringBuilder report = new StringBuilder(String.format("%-55s %16s %16s %16s %16s%n", "capture",
                "method", "host", "uri", "status"));
        int[] agree = new int[4];
        int[] total = new int[4];
        byCapture.forEach((name, t) -> {
            report.append(String.format("%-55s", name));
            for (int i = 0; i < FIELDS.length; i++) {
                int a = t.agree(FIELDS[i]);
                int n = t.count(t.tshark, FIELDS[i]);
                agree[i] += a;
                total[i] += n;
                report.append(String.format(" %7d/%-4d+%-3d", a, n, t.count(t.ours, FIELDS[i]) - a));
            }
            report.append('\n');
        });
        report.append(String.format("%-55s", "total"));
        for (int i = 0; i < FIELDS.length; i++) {
            report.append(String.format(" %12d/%-4d", agree[i], total[i]));
        }
        report.append(String.format("%n(agreeing/TShark's +ours only; TShark 1xx responses left out: %d;"
                + " HTTP frames over UDP included: %d)%n", interim, udp));
        System.out.print(report);
        assertThat(byCapture).isNotEmpty();
        byCapture.forEach((name, t) -> {
            for (String field : FIELDS) {
                int missing = KNOWN_MISSING.getOrDefault(name, 0);
                assertThat(t.agree(field)).as("%s %s", name, field)
                        .isGreaterThanOrEqualTo(t.count(t.tshark, field) - missing);
            }
        });
    }

    /**
     * Requests (and their responses) TShark dissects that the records may lack, with the reason: none since a
     * SYN+ACK's sender is taken for the server ({@code zeek__zeek-image-1080-80-x.pcapng} starts there). The
     * extracted bodies are compared with TShark's exported objects by the engine's HttpFilesCorpusTest.
     */
    private static final Map<String, Integer> KNOWN_MISSING = Map.of();

    /** The EICAR test file download of suricata-verify's fileinfo test: 68 bytes with the well-known MD5. */
    @Test
    void eicarDownload() throws Exception {
        RecordingEnv rec = parse(Corpus.packets(Corpus.pcaps().resolve("suricata-verify__output-eve-fileinfo_input.pcap")),
                true);
        assertThat(rec.bodies).singleElement().satisfies(b -> {
            assertThat(b.origin.name()).isEqualTo("eicar.com");
            assertThat(b.origin.source()).isEqualTo("HTTP RESPONSE from www.eicar.org/download/eicar.com");
            assertThat(b.bytes.size()).isEqualTo(68);
            assertThat(md5(b.bytes.toByteArray())).isEqualTo("44d88612fea8a8f36de82e1278abb02f");
            assertThat(b.complete).isTrue();
        });
    }

    /**
     * The two multipart POSTs of suricata-verify's http-mime-truncated capture reach file extraction whole, with
     * their boundary (the lengths are TShark's {@code http.content_length_header}; splitting the parts is file
     * extraction's work).
     */
    @Test
    void multipartUploadsReachExtractionWithTheirBoundary() throws Exception {
        RecordingEnv rec = parse(Corpus.packets(Corpus.pcaps().resolve("suricata-verify__http-mime-truncated_input.pcap")),
                true);
        List<TextSession.File> posts = rec.bodies.stream()
                .filter(b -> b.origin.source().startsWith("HTTP POST REQUEST to ")).toList();
        assertThat(posts).extracting(b -> b.origin.source(), b -> b.bytes.size(), b -> b.origin.multipartBoundary(),
                b -> b.complete).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("HTTP POST REQUEST to /288", 25, "1BEF0A57BE110FD467A", true),
                        org.assertj.core.groups.Tuple.tuple("HTTP POST REQUEST to /", 134727, "1BEF0A57BE110FD467A", true));
    }

    private static String md5(byte[] b) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(b));
    }

    private static void add(Map<String, List<String>> m, String field, String value) {
        m.computeIfAbsent(field, k -> new ArrayList<>()).add(value == null ? "" : value);
    }

    /**
     * The HTTP records of a capture: TCP reassembly (UDP conversations by 5-tuple, a datagram per offer), the
     * probe on each conversation's first bytes, the parser.
     */
    static List<HTTP> parse(List<Packet> packets) {
        return parse(packets, false).records;
    }

    static RecordingEnv parse(List<Packet> packets, boolean extract) {
        RecordingEnv rec = new RecordingEnv(extract);
        Map<String, Conn> conns = new HashMap<>();
        StreamSink<String> sink = new StreamSink<>() {
            @Override
            public void data(TcpConnection<String> c, Direction d, byte[] b, int off, int len, long ts) {
                conn(c).data(d, b, off, len, ts, rec);
            }

            @Override
            public void gap(TcpConnection<String> c, Direction d, long skipped) {
                conn(c).gap(d, skipped);
            }

            @Override
            public void end(TcpConnection<String> c, EndReason reason) {
                Conn conn = conns.remove(c.key());
                if (conn != null && conn.feeder != null) {
                    conn.feeder.end(reason);
                }
            }

            private Conn conn(TcpConnection<String> c) {
                return conns.computeIfAbsent(c.key(), k -> new Conn(Conversation.Transport.TCP, k, c.clientForward(),
                        c.firstSeenNanos()));
            }
        };
        TcpReassembler<String> reassembler = new TcpReassembler<>(ReassemblyConfig.defaults(), sink);
        LayerParser parser = new LayerParser(Protocols.routes(), false);
        Ipv4View ip4 = new Ipv4View();
        Ipv6View ip6 = new Ipv6View();
        TcpView tcp = new TcpView();
        UdpView udp = new UdpView();
        Map<String, Conn> datagrams = new HashMap<>();
        for (Packet p : packets) {
            Layers layers = parser.parse(p);
            int t = layers.indexOf(LayerKind.TCP);
            int u = layers.indexOf(LayerKind.UDP);
            int i4 = layers.indexOf(LayerKind.IPV4);
            int i6 = layers.indexOf(LayerKind.IPV6);
            if (t < 0 && u < 0 || i4 < 0 && i6 < 0) {
                continue;
            }
            String src = i4 >= 0 ? ip4.wrap(layers, i4).srcIp() : ip6.wrap(layers, i6).srcIp();
            String dst = i4 >= 0 ? ip4.wrap(layers, i4).dstIp() : ip6.wrap(layers, i6).dstIp();
            if (t < 0) {
                // a UDP conversation by its 5-tuple; the sender of its first datagram is the client; a datagram per offer
                udp.wrap(layers, u);
                String a = src + "|" + udp.srcPort();
                String b = dst + "|" + udp.dstPort();
                String key = a.compareTo(b) <= 0 ? a + "-" + b : b + "-" + a;
                Conn c = datagrams.computeIfAbsent(key, k -> new Conn(Conversation.Transport.UDP, a + "-" + b, true,
                        p.timestampNanos()));
                Direction d = c.conversation.clientIp().equals(src) && c.conversation.clientPort() == udp.srcPort()
                        ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
                int payload = layers.payloadOffset(u);
                int len = Math.max(0, Math.min(layers.payloadLength(u), layers.end() - payload));
                c.data(d, layers.buffer(), payload, len, p.timestampNanos(), rec);
                continue;
            }
            tcp.wrap(layers, t);
            String a = src + "|" + tcp.srcPort();
            String b = dst + "|" + tcp.dstPort();
            boolean forward = a.compareTo(b) <= 0;
            String key = forward ? a + "-" + b : b + "-" + a;
            int payload = layers.payloadOffset(t);
            int len = Math.max(0, Math.min(layers.payloadLength(t), layers.end() - payload));
            reassembler.segment(key, forward, tcp.seq(), tcp.flags(), layers.buffer(), payload, len,
                    p.timestampNanos());
        }
        reassembler.flushAll();
        datagrams.values().stream().filter(c -> c.feeder != null).forEach(c -> c.feeder.end(EndReason.SHUTDOWN));
        return rec;
    }

    /** One connection: its first bytes until the probe decides, then its parser. */
    static final class Conn {
        final Conversation conversation;
        final HttpProbe probe = new HttpProbe();
        final ByteArrayOutputStream[] first = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
        final List<Object[]> held = new ArrayList<>();
        StreamFeeder feeder;
        boolean refused;

        /** {@code key} is {@code ip|port-ip|port}, the forward side first. */
        Conn(Conversation.Transport transport, String key, boolean clientForward, long ts) {
            String[] sides = key.split("-");
            String[] client = sides[clientForward ? 0 : 1].split("\\|");
            String[] server = sides[clientForward ? 1 : 0].split("\\|");
            conversation = new Conversation(transport, client[0], Integer.parseInt(client[1]),
                    server[0], Integer.parseInt(server[1]), ts);
        }

        void data(Direction d, byte[] b, int off, int len, long ts, RecordingEnv rec) {
            if (feeder != null) {
                feeder.offer(d, b, off, len, ts);
                return;
            }
            if (refused) {
                return;
            }
            held.add(new Object[] {d, java.util.Arrays.copyOfRange(b, off, off + len), ts});
            first[d.ordinal()].write(b, off, len);
            byte[] c = first[0].toByteArray();
            byte[] s = first[1].toByteArray();
            StreamProbe.Verdict v = probe.test(c, c.length, s, s.length);
            if (v == StreamProbe.Verdict.MATCH) {
                feeder = new StreamFeeder(conversation, new Http(conversation, rec.env));
                for (Object[] h : held) {
                    byte[] bytes = (byte[]) h[1];
                    feeder.offer((Direction) h[0], bytes, 0, bytes.length, (Long) h[2]);
                }
                held.clear();
            } else if (v == StreamProbe.Verdict.NO || c.length + s.length > 64 * 1024) {
                refused = true;
                held.clear();
            }
        }

        void gap(Direction d, long skipped) {
            if (feeder != null) {
                feeder.gap(d, skipped);
            }
        }
    }
}
