package io.netcap.decoder.layer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeOptions;
import io.netcap.decoder.LayerPipeline;
import io.netcap.decoder.Protocols;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.ParseError;
import io.netcap.testing.Corpus;
import io.netcap.types.ARP;
import io.netcap.types.Dot1Q;
import io.netcap.types.Ethernet;
import io.netcap.types.ICMPv4;
import io.netcap.types.ICMPv6;
import io.netcap.types.IPv4;
import io.netcap.types.IPv6;
import io.netcap.types.SCTP;
import io.netcap.types.TCP;
import io.netcap.types.UDP;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Compares the link, network and transport records with TShark's per-frame fields for every corpus
 * capture. TShark prints the first occurrence of a field per frame, so ours is the first record of
 * each type. Cases where the two differ by definition are listed in docs/layers.md and excluded here
 * by name ({@link Exclusion}); everything else must agree.
 */
class TsharkDifferentialTest {

    /** Documented differences of definition (docs/layers.md, "Differences from TShark"). */
    enum Exclusion {
        /** TShark reassembles IP fragments and dissects the reassembled transport header in the last fragment. */
        IP_FRAGMENT,
        /** TShark dissects the IP/transport headers quoted inside ICMP errors; they are the first transport occurrence. */
        ICMP_ERROR_QUOTE,
        /** tcp.len counts the bytes the IP length announces; our PayloadSize counts the bytes captured (docs/original.md, "Payload"). */
        SNAP_TRUNCATED,
        /** TShark decodes a tunnel or encapsulation the original's parser does not (named in the frame's protocols). */
        TSHARK_ONLY_ENCAPSULATION,
        /** Our parser reported the header malformed (e.g. TCP data offset below 5); TShark guesses its own sizes. */
        MALFORMED_HEADER
    }

    private record Field(String name, Function<Map<String, Message>, String> ours, Function<String, String> truth) {}

    private static String hexToDec(String s) {
        if (s.isEmpty()) {
            return s;
        }
        return Long.toString(Long.parseLong(s.startsWith("0x") ? s.substring(2) : s, 16));
    }

    private static <T extends Message> T first(Map<String, Message> m, Class<T> c) {
        return c.cast(m.get(c.getSimpleName()));
    }

    private static String v(Object o) {
        return String.valueOf(o);
    }

    private static final List<Field> FIELDS = List.of(
            new Field("eth.src", m -> m.containsKey("Ethernet") ? first(m, Ethernet.class).getSrcMAC() : null, s -> s),
            new Field("eth.dst", m -> m.containsKey("Ethernet") ? first(m, Ethernet.class).getDstMAC() : null, s -> s),
            new Field("eth.type", m -> m.containsKey("Ethernet") ? v(first(m, Ethernet.class).getEthernetType()) : null, TsharkDifferentialTest::hexToDec),
            new Field("vlan.id", m -> m.containsKey("Dot1Q") ? v(first(m, Dot1Q.class).getVLANIdentifier()) : null, s -> s),
            new Field("ip.src", m -> m.containsKey("IPv4") ? first(m, IPv4.class).getSrcIP() : null, s -> s),
            new Field("ip.dst", m -> m.containsKey("IPv4") ? first(m, IPv4.class).getDstIP() : null, s -> s),
            new Field("ip.proto", m -> m.containsKey("IPv4") ? v(first(m, IPv4.class).getProtocol()) : null, s -> s),
            new Field("ip.ttl", m -> m.containsKey("IPv4") ? v(first(m, IPv4.class).getTTL()) : null, s -> s),
            new Field("ip.id", m -> m.containsKey("IPv4") ? v(first(m, IPv4.class).getId()) : null, TsharkDifferentialTest::hexToDec),
            new Field("ip.flags", m -> m.containsKey("IPv4") ? v(first(m, IPv4.class).getFlags()) : null, TsharkDifferentialTest::hexToDec),
            new Field("ip.frag_offset", m -> m.containsKey("IPv4") ? v(first(m, IPv4.class).getFragOffset()) : null, s -> s),
            new Field("ipv6.src", m -> m.containsKey("IPv6") ? first(m, IPv6.class).getSrcIP() : null, s -> s),
            new Field("ipv6.dst", m -> m.containsKey("IPv6") ? first(m, IPv6.class).getDstIP() : null, s -> s),
            new Field("ipv6.nxt", m -> m.containsKey("IPv6") ? v(first(m, IPv6.class).getNextHeader()) : null, s -> s),
            new Field("ipv6.hlim", m -> m.containsKey("IPv6") ? v(first(m, IPv6.class).getHopLimit()) : null, s -> s),
            new Field("ipv6.flow", m -> m.containsKey("IPv6") ? v(first(m, IPv6.class).getFlowLabel()) : null, TsharkDifferentialTest::hexToDec),
            new Field("tcp.srcport", m -> m.containsKey("TCP") ? v(first(m, TCP.class).getSrcPort()) : null, s -> s),
            new Field("tcp.dstport", m -> m.containsKey("TCP") ? v(first(m, TCP.class).getDstPort()) : null, s -> s),
            new Field("tcp.seq_raw", m -> m.containsKey("TCP") ? Integer.toUnsignedString(first(m, TCP.class).getSeqNum()) : null, s -> s),
            new Field("tcp.ack_raw", m -> m.containsKey("TCP") ? Integer.toUnsignedString(first(m, TCP.class).getAckNum()) : null, s -> s),
            new Field("tcp.flags", m -> m.containsKey("TCP") ? v(tcpFlags(first(m, TCP.class))) : null,
                    s -> s.isEmpty() ? s : v(Long.parseLong(s.substring(2), 16) & 0x1FF)),
            new Field("tcp.window_size_value", m -> m.containsKey("TCP") ? v(first(m, TCP.class).getWindow()) : null, s -> s),
            new Field("tcp.len", m -> m.containsKey("TCP") ? v(first(m, TCP.class).getPayloadSize()) : null, s -> s),
            new Field("udp.srcport", m -> m.containsKey("UDP") ? v(first(m, UDP.class).getSrcPort()) : null, s -> s),
            new Field("udp.dstport", m -> m.containsKey("UDP") ? v(first(m, UDP.class).getDstPort()) : null, s -> s),
            new Field("udp.length", m -> m.containsKey("UDP") ? v(first(m, UDP.class).getLength()) : null, s -> s),
            new Field("sctp.srcport", m -> m.containsKey("SCTP") ? v(first(m, SCTP.class).getSrcPort()) : null, s -> s),
            new Field("sctp.dstport", m -> m.containsKey("SCTP") ? v(first(m, SCTP.class).getDstPort()) : null, s -> s),
            new Field("icmp.type", m -> m.containsKey("ICMPv4") ? v(first(m, ICMPv4.class).getTypeCode() >>> 8) : null, s -> s),
            new Field("icmp.code", m -> m.containsKey("ICMPv4") ? v(first(m, ICMPv4.class).getTypeCode() & 0xFF) : null, s -> s),
            new Field("icmpv6.type", m -> m.containsKey("ICMPv6") ? v(first(m, ICMPv6.class).getTypeCode() >>> 8) : null, s -> s),
            new Field("icmpv6.code", m -> m.containsKey("ICMPv6") ? v(first(m, ICMPv6.class).getTypeCode() & 0xFF) : null, s -> s),
            new Field("arp.opcode", m -> m.containsKey("ARP") ? v(first(m, ARP.class).getOperation()) : null, s -> s));

    private static int tcpFlags(TCP t) {
        return (t.getFIN() ? 0x01 : 0) | (t.getSYN() ? 0x02 : 0) | (t.getRST() ? 0x04 : 0) | (t.getPSH() ? 0x08 : 0)
                | (t.getACK() ? 0x10 : 0) | (t.getURG() ? 0x20 : 0) | (t.getECE() ? 0x40 : 0) | (t.getCWR() ? 0x80 : 0)
                | (t.getNS() ? 0x100 : 0);
    }

    static final class Tally {
        long compared;
        long equal;
        long excluded;
        long oursOnly;
        final List<String> examples = new ArrayList<>();
    }

    /** Which documented exclusion applies to this field in this frame, or null. */
    static Exclusion exclusion(String field, CorpusFrames.Row row, Packet p, Map<String, Message> ours, boolean malformedTcp) {
        List<String> chain = List.of(row.get("frame.protocols").split(":"));
        String protocol = field.substring(0, field.indexOf('.'));
        int at = chain.indexOf(protocol);
        if (at < 0) {
            at = chain.size();
        }
        List<String> before = chain.subList(0, at);
        boolean ipOrTransport = !protocol.equals("eth") && !protocol.equals("vlan") && !protocol.equals("arp");
        if (ipOrTransport && (before.contains("icmp") || before.contains("icmpv6"))) {
            return Exclusion.ICMP_ERROR_QUOTE;
        }
        boolean transport = field.startsWith("tcp.") || field.startsWith("udp.") || field.startsWith("sctp.")
                || field.startsWith("icmp");
        boolean fragment = ours.containsKey("IPv4") && isFragment(first(ours, IPv4.class))
                || ours.containsKey("IPv6Fragment");
        if (transport && fragment) {
            return Exclusion.IP_FRAGMENT;
        }
        if (field.equals("tcp.len") && malformedTcp) {
            return Exclusion.MALFORMED_HEADER;
        }
        if (field.equals("tcp.len") && p.capturedLength() < p.wireLength()) {
            return Exclusion.SNAP_TRUNCATED;
        }
        for (String tunnel : TSHARK_ONLY) {
            if (before.contains(tunnel)) {
                return Exclusion.TSHARK_ONLY_ENCAPSULATION;
            }
        }
        return null;
    }

    /** Encapsulations TShark follows and the original's parser leaves as payload. */
    static final List<String> TSHARK_ONLY = List.of("teredo", "gtp", "l2tp", "pppoes", "cflow", "ayiya", "cmd");

    /** The row describes this packet: same lengths and, where TShark printed one, the same time. */
    private static boolean fits(CorpusFrames.Row row, Packet p, int number) {
        // Damaged files carry out-of-range timestamp fields that the two readers render differently;
        // there the frame number decides.
        return row.get("frame.len").equals(Integer.toString(p.wireLength()))
                && row.get("frame.cap_len").equals(Integer.toString(p.capturedLength()))
                && (row.timeNanos() == Long.MIN_VALUE || row.timeNanos() == p.timestampNanos()
                        || row.get("frame.number").equals(Integer.toString(number)));
    }

    private static boolean isFragment(IPv4 ip) {
        return (ip.getFlags() & 1) != 0 || ip.getFragOffset() != 0;
    }

    @Test
    void recordsAgreeWithTshark() throws IOException {
        Path truth = Corpus.truth();
        Map<String, Tally> tallies = new LinkedHashMap<>();
        for (Field f : FIELDS) {
            tallies.put(f.name(), new Tally());
        }
        Map<Exclusion, Long> excludedByCase = new LinkedHashMap<>();
        long frames = 0;
        long unmatched = 0;
        long tsharkOnlyFrames = 0;
        LayerPipeline pipeline = new LayerPipeline(Protocols.layerTypes(), DecodeOptions.defaults());
        for (Path capture : Corpus.captures()) {
            List<CorpusFrames.Row> rows = CorpusFrames.truth(truth, capture);
            if (rows.isEmpty()) {
                continue;
            }
            List<Packet> packets = Corpus.packets(capture);
            String name = capture.getFileName().toString();
            int r = 0;
            for (int i = 0; i < packets.size(); i++) {
                Packet p = packets.get(i);
                // TShark shows some pcapng blocks as frames that are no packets to us: skip rows that do not fit.
                while (r < rows.size() && !fits(rows.get(r), p, i + 1)) {
                    r++;
                    tsharkOnlyFrames++;
                }
                if (r == rows.size()) {
                    System.out.println("no TShark frame for " + name + " packet " + (i + 1));
                    unmatched++;
                    continue;
                }
                CorpusFrames.Row row = rows.get(r++);
                frames++;
                Map<String, Message> ours = new HashMap<>();
                var layers = pipeline.decode(p, m -> ours.putIfAbsent(m.getDescriptorForType().getName(), m));
                boolean malformedTcp = layers.error() != null && layers.error().kind() == ParseError.Kind.BAD_DATA_OFFSET;
                for (Field f : FIELDS) {
                    String expected = f.truth().apply(row.get(f.name()));
                    String actual = f.ours().apply(ours);
                    if (expected.isEmpty() && actual == null) {
                        continue;
                    }
                    Tally t = tallies.get(f.name());
                    Exclusion ex = exclusion(f.name(), row, p, ours, malformedTcp);
                    if (ex != null) {
                        t.excluded++;
                        excludedByCase.merge(ex, 1L, Long::sum);
                        continue;
                    }
                    if (expected.isEmpty()) {
                        // TShark printed nothing where we have a record (e.g. a layer TShark calls malformed).
                        t.oursOnly++;
                        continue;
                    }
                    t.compared++;
                    if (expected.equals(actual)) {
                        t.equal++;
                    } else if (t.examples.size() < 8) {
                        t.examples.add(name + "#" + row.get("frame.number") + " tshark=" + expected + " ours=" + actual
                                + " (" + row.get("frame.protocols") + ")");
                    }
                }
            }
            if (rows.size() != packets.size()) {
                System.out.println("note: " + name + ": " + rows.size() + " TShark frames, " + packets.size() + " packets read");
            }
        }
        StringBuilder table = new StringBuilder("field\tcompared\tequal\texcluded\toursOnly\n");
        for (var e : tallies.entrySet()) {
            Tally t = e.getValue();
            table.append(e.getKey()).append('\t').append(t.compared).append('\t').append(t.equal).append('\t')
                    .append(t.excluded).append('\t').append(t.oursOnly).append('\n');
        }
        System.out.println("Layer records vs TShark over " + frames + " frames (" + unmatched + " packets without TShark frame, "
                + tsharkOnlyFrames + " TShark frames without packet):");
        System.out.print(table);
        System.out.println("excluded by documented case: " + excludedByCase);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "layer-differential.tsv"), table);
        List<String> problems = new ArrayList<>();
        tallies.forEach((field, t) -> {
            if (t.equal != t.compared) {
                problems.add(field + ": " + (t.compared - t.equal) + " of " + t.compared + " differ, e.g. " + t.examples);
            }
        });
        problems.forEach(System.out::println);
        assertThat(unmatched).as("packets without a TShark frame").isZero();
        assertThat(problems).isEmpty();
    }
}
