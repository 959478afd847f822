package io.netcap.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.netcap.decoder.app.Dns;
import io.netcap.decoder.app.DnsReference;
import io.netcap.decoder.app.Modbus;
import io.netcap.decoder.app.ModbusReference;
import io.netcap.decoder.app.Sip;
import io.netcap.decoder.app.SipReference;
import io.netcap.types.DNS;
import java.io.ByteArrayOutputStream;
import io.netcap.decoder.flow.Facts;
import io.netcap.decoder.flow.PacketFacts;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.LayerKind;
import io.netcap.packet.layer.Layers;
import io.netcap.testing.Corpus;
import io.netcap.types.DNS;
import io.netcap.types.RecordType;
import io.netcap.types.SIP;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wire writers of application records (SIP, DNS, Modbus) against the generated serialisation of the record
 * their builder oracles ({@link SipReference}, {@link DnsReference}, {@link ModbusReference}) build, with the packet context applied by
 * {@link ContextFields}: over every corpus capture, {@link AppDecoding} must emit the same records byte for
 * byte, and hand-built messages must encode alike.
 */
class AppWireEncodingTest {
    private static final Set<RecordType> WIRE_TYPES = EnumSet.of(RecordType.SIP, RecordType.DNS, RecordType.Modbus);
    private static final HexFormat HEX = HexFormat.of();

    private static String hex(RecordType type, byte[] b, int n) {
        return type + " " + HEX.formatHex(b, 0, n);
    }

    /** The builder path, as {@link AppDecoding} takes it for the protocols without a wire writer. */
    private static List<String> built(Layers layers, long ts, PacketFacts facts, boolean context) {
        List<String> out = new ArrayList<>();
        boolean overTcp = false;
        for (int i = 0; i < layers.count(); i++) {
            LayerKind k = layers.kind(i);
            if (k == LayerKind.TCP) overTcp = true;
            if (k == LayerKind.UNKNOWN) break;
            byte[] buf = layers.buffer();
            int off = layers.offset(i), len = layers.length(i);
            Message m = k == LayerKind.SIP ? SipReference.decode(buf, off, len, ts)
                    : k == LayerKind.MODBUS ? ModbusReference.decode(buf, off, len, ts, false)
                    : k != LayerKind.DNS ? null
                    : overTcp ? DnsReference.decodeTcp(buf, off, len, ts) : DnsReference.decode(buf, off, len, ts);
            if (m != null) {
                byte[] b = ContextFields.apply(m, facts, context).toByteArray();
                out.add(hex(AppDecoding.type(m), b, b.length));
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void corpusWireRecordsEqualBuiltRecords(boolean context) throws IOException {
        Corpus.require();
        DecodeOptions o = DecodeOptions.defaults().withContext(context);
        LayerPipeline pipeline = new LayerPipeline(Set.of(), o);
        AppDecoding apps = new AppDecoding(WIRE_TYPES, o);
        PacketFacts facts = new PacketFacts();
        Map<RecordType, Long> counts = new EnumMap<>(RecordType.class);
        for (Path capture : Corpus.captures()) {
            for (Packet p : Corpus.packets(capture)) {
                Layers layers = pipeline.decode(p, m -> {});
                facts.fill(layers);
                List<String> expected = built(layers, p.timestampNanos(), facts, context);
                List<String> actual = new ArrayList<>();
                apps.decode(layers, p.timestampNanos(), facts, new AppDecoding.Sink() {
                    @Override
                    public void accept(RecordType type, Message record) {
                        actual.add("message " + type);
                    }

                    @Override
                    public void accept(RecordType type, byte[] record, int length) {
                        counts.merge(type, 1L, Long::sum);
                        actual.add(hex(type, record, length));
                    }
                }, (kind, message) -> {});
                assertThat(actual).as("%s packet at %d ns", capture.getFileName(), p.timestampNanos())
                        .isEqualTo(expected);
            }
        }
        System.out.println("app wire encoding (context " + context + "): " + counts);
        assertThat(counts).containsKeys(RecordType.SIP, RecordType.DNS);
    }

    /**
     * Context cases the corpus may lack, with context on and off: IPv6 addresses for DNS and SIP, and a first
     * IP fragment (addresses but no transport in the packet facts), whose UDP payload the parser leaves
     * undecoded, so that neither path emits a record.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void contextWithoutTransportOrOverIpv6EncodesAlike(boolean context) {
        String dnsQuery = "1234 0100 0001 0000 0000 0000 076578616d706c6503636f6d00 0001 0001";
        String sip = HEX.formatHex("OPTIONS sip:x SIP/2.0\r\nCSeq: 1 OPTIONS\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        List<byte[]> frames = List.of(
                HEX.parseHex(("001122334455 66778899aabb 0800 4500 0039 0001 2000 4011 0000 0a000001 0a000002"
                        + " 9c40 0035 0025 0000 " + dnsQuery).replace(" ", "")),
                HEX.parseHex(("001122334455 66778899aabb 86dd 60000000 0025 1140 20010db8000000000000000000000001"
                        + " 20010db8000000000000000000000002 9c40 0035 0025 0000 " + dnsQuery).replace(" ", "")),
                HEX.parseHex(("001122334455 66778899aabb 86dd 60000000 " + String.format("%04x", 8 + sip.length() / 2)
                        + " 1140 20010db8000000000000000000000001 20010db8000000000000000000000002 13c4 13c4 "
                        + String.format("%04x", 8 + sip.length() / 2) + " 0000 " + sip).replace(" ", "")));
        DecodeOptions o = DecodeOptions.defaults().withContext(context);
        List<Integer> counts = new ArrayList<>();
        for (byte[] f : frames) {
            Packet p = new Packet(5_000, f.length, f.length, 1, 0, f, 0);
            PacketFacts facts = Facts.of(p);
            Layers layers = new LayerPipeline(Set.of(), o).decode(p, m -> {});
            List<String> expected = built(layers, p.timestampNanos(), facts, context);
            List<String> actual = new ArrayList<>();
            new AppDecoding(WIRE_TYPES, o).decode(layers, p.timestampNanos(), facts, new AppDecoding.Sink() {
                @Override
                public void accept(RecordType type, Message record) {
                    actual.add("message " + type);
                }

                @Override
                public void accept(RecordType type, byte[] record, int length) {
                    actual.add(hex(type, record, length));
                }
            }, (kind, message) -> {});
            assertThat(actual).isEqualTo(expected);
            counts.add(actual.size());
        }
        assertThat(counts).containsExactly(0, 1, 1);
    }

    /** {@link Sip#encode} against the serialised oracle record of the same bytes (no context). */
    private static void sipAlike(String message) {
        byte[] b = message.getBytes(StandardCharsets.ISO_8859_1);
        byte[] padded = new byte[b.length + 6];
        System.arraycopy(b, 0, padded, 3, b.length);
        WireWriter w = new WireWriter();
        SIP built = SipReference.decode(padded, 3, b.length, -42L);
        boolean ok = Sip.encode(padded, 3, b.length, -42L, w);
        assertThat(ok).as(message).isEqualTo(built != null);
        if (built != null) {
            assertThat(HEX.formatHex(Arrays.copyOf(w.buffer(), w.length()))).as(message)
                    .isEqualTo(HEX.formatHex(built.toByteArray()));
        } else {
            assertThat(w.length()).isZero();
        }
    }

    /** {@link Modbus#encode} against the serialised oracle record of every cut of an ADU, with and without payload. */
    @Test
    void modbusEncodesAlike() {
        byte[] adu = HEX.parseHex("0001000000061183006b0003" + "000700000006010300000002" + "ffff12340002ff81");
        WireWriter w = new WireWriter();
        int records = 0;
        for (int off = 0; off < adu.length; off++) {
            for (int len = 0; off + len <= adu.length; len++) {
                for (boolean payload : new boolean[] {true, false}) {
                    var built = ModbusReference.decode(adu, off, len, 1_700_000_000_123_456_789L, payload);
                    boolean ok = Modbus.encode(adu, off, len, 1_700_000_000_123_456_789L, payload, w);
                    assertThat(ok).as("%d+%d", off, len).isEqualTo(built != null);
                    if (built != null) {
                        records++;
                        assertThat(HEX.formatHex(Arrays.copyOf(w.buffer(), w.length()))).as("%d+%d", off, len)
                                .isEqualTo(HEX.formatHex(built.toByteArray()));
                    } else {
                        assertThat(w.length()).isZero();
                    }
                }
            }
        }
        assertThat(records).isPositive();
    }

    @Test
    void sipEdgeCasesEncodeAlike() {
        String longValue = "x".repeat(200);
        sipAlike("INVITE sip:a@b SIP/2.0\r\nVia: v1\r\nvia: v2\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
        sipAlike("SIP/2.0 200 OK\r\nCSeq: 7 register\r\nCSeq: 8 BYE\r\n\r\n");
        sipAlike("SIP/2.0 -5 \r\nX: y\r\n");                    // negative code, empty status
        sipAlike("SIP/1.0 2147483647 Status text here\r\n");     // large code, no headers
        sipAlike("OPTIONS * SIP/2.0\r\nX-Long: " + longValue + "\r\n\r\n"); // header needs a 2-byte length
        sipAlike("OPTIONS * SIP/2.0\r\nX-Huge: " + "y".repeat(20_000) + "\r\n"); // 3-byte length, scratch growth
        sipAlike("OPTIONS * SIP/2.0\r\nSubject: a\r\n  continued\r\n\tagain\r\n:empty name\r\n\r\n");
        sipAlike("MESSAGE x SIP/2.0\r\nX-Latin: caf\u00e9 \u00ff\r\n\u00c4rger: z\r\n");
        StringBuilder many = new StringBuilder("NOTIFY x SIP/2.0\r\n");
        for (int i = 0; i < 300; i++) many.append("H").append(i % 70).append(": ").append(i).append("\r\n");
        sipAlike(many.toString());
        sipAlike("BOGUS x SIP/2.0\r\n\r\n");                     // unknown method
        sipAlike("SIP/2.0 abc OK\r\n");                           // bad status code
        sipAlike("INVITE x SIP/2.0\r\nCSeq: x INVITE\r\n");       // bad CSeq
        sipAlike("INVITE x SIP/2.0");                             // last line without newline: empty
        sipAlike("");
    }

    /** Random messages assembled from SIP fragments, valid and not, with odd whitespace and Latin-1 bytes. */
    @Test
    void sipRandomMessagesEncodeAlike() {
        String[] parts = {"INVITE", "SIP/2.0", "SIP/1.0", "sip:x@y", " ", "  ", "\t", "\r\n", "\n", "\r", ":", "CSeq",
            "cseq: 12 ACK", "Content-Length: 5", "Content-Length: x", "Via", "VIA: a", "200", "OK", "-1",
            "\u00e9", "\u00df", "bye", "\r\n ", "x".repeat(130), "1 INVITE", ","};
        java.util.Random r = new java.util.Random(20261126);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder m = new StringBuilder(r.nextBoolean() ? "SIP/2.0 " + r.nextInt(-10, 700) + " S\r\n"
                    : "INVITE u SIP/2.0\r\n");
            int n = r.nextInt(30);
            for (int j = 0; j < n; j++) m.append(parts[r.nextInt(parts.length)]);
            sipAlike(m.toString());
        }
    }

    /** {@link Dns#encode} against the serialised oracle record (UDP or TCP form) of the same bytes. */
    private static boolean dnsAlike(byte[] msg, boolean tcp) {
        byte[] padded = new byte[msg.length + 5];
        System.arraycopy(msg, 0, padded, 2, msg.length);
        WireWriter w = new WireWriter();
        DNS built = tcp ? DnsReference.decodeTcp(padded, 2, msg.length, 1_700_000_000_000_000_000L)
                : DnsReference.decode(padded, 2, msg.length, 1_700_000_000_000_000_000L);
        boolean ok = Dns.encode(padded, 2, msg.length, 1_700_000_000_000_000_000L, tcp, w);
        String what = HEX.formatHex(msg);
        assertThat(ok).as(what).isEqualTo(built != null);
        if (built != null) {
            assertThat(HEX.formatHex(Arrays.copyOf(w.buffer(), w.length()))).as(what)
                    .isEqualTo(HEX.formatHex(built.toByteArray()));
        } else {
            assertThat(w.length()).isZero();
        }
        return ok;
    }

    /** A DNS message: header with the given counts, then the hex sections. */
    private static byte[] dns(int flags, int qd, int an, int ns, int ar, String... sections) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HEX.parseHex(String.format("abcd%04x%04x%04x%04x%04x", flags, qd, an, ns, ar)));
        for (String sct : sections) out.writeBytes(HEX.parseHex(sct.replace(" ", "")));
        return out.toByteArray();
    }

    /** A name of {@code labels} labels of {@code len} bytes each, then the root. */
    private static String name(int labels, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < labels; i++) sb.append(String.format("%02x", len)).append("61".repeat(len));
        return sb.append("00").toString();
    }

    private static String rr(String name, int type, String ttl, String rdata) {
        return name + String.format("%04x0001", type) + ttl + String.format("%04x", rdata.replace(" ", "").length() / 2) + rdata;
    }

    private static List<byte[]> dnsSamples() {
        String longName = name(3, 60); // 183 bytes of text: a 2-byte length, and a record over 127 bytes
        return List.of(
                dns(0x0100, 1, 0, 0, 0, "076578616d706c6503636f6d00 0001 0001"),
                dns(0xffff, 1, 0, 0, 0, "00 0000 0000"),                                 // root name, all flags
                dns(0x8180, 1, 2, 0, 0, "c00c0001 0001".replace("c00c0001 0001", name(1, 3) + "00010001"),
                        rr("c00c", 1, "ffffffff", "0a000001"),                           // TTL above 2^31
                        rr("c00c", 28, "00000e10", "20010db8000000000000ff0000420001")),
                dns(0x8180, 0, 3, 0, 0, rr(longName, 5, "00000001", name(2, 62)),
                        rr("00", 16, "00000000", "00 03616263 00 " + "7f" + "62".repeat(127)),
                        rr("00", 1, "00000000", "0a0000")),                             // A with 3 bytes
                dns(0x8580, 0, 0, 1, 1, rr("00", 6, "00000078", name(1, 2) + name(2, 5) + "ffffffff 80000000 00000001 7fffffff 00000000"),
                        rr("00", 33, "00000078", "0001 ffff 1f90 " + name(1, 9))),
                dns(0x8180, 0, 2, 0, 0, rr("00", 15, "00000078", "000a " + longName),
                        rr("00", 12, "00000078", "00")),
                dns(0x8180, 0, 1, 0, 0, rr("00", 99, "00000078", "")),                   // empty data
                dns(0x8180, 0, 1, 0, 0, rr("00", 6, "00000078", name(1, 2) + name(1, 2) + "0000")), // SOA truncated
                dns(0x8180, 0, 1, 0, 0, rr("00", 33, "00000078", "0001")),               // SRV truncated
                dns(0x0100, 2, 0, 0, 0, "c00c 0001 0001"),                               // pointer loop / past end
                dns(0x0100, 1, 0, 0, 0, "80 0001 0001"),                                 // invalid label type
                dns(0x0100, 0, 0, 0, 0),
                HEX.parseHex("abcd01"));
    }

    @Test
    void dnsEdgeCasesEncodeAlike() {
        int decoded = 0;
        for (byte[] m : dnsSamples()) {
            decoded += dnsAlike(m, false) ? 1 : 0;
            byte[] tcp = new byte[m.length + 2];
            tcp[0] = (byte) (m.length >> 8);
            tcp[1] = (byte) m.length;
            System.arraycopy(m, 0, tcp, 2, m.length);
            dnsAlike(tcp, true);
            dnsAlike(Arrays.copyOf(tcp, tcp.length - 1), true); // length beyond the segment
        }
        // many answers and a message far over 127 bytes in every section
        StringBuilder answers = new StringBuilder();
        for (int i = 0; i < 40; i++) answers.append(rr("c00c", 1, "00000001", String.format("0a0000%02x", i)));
        assertThat(dnsAlike(dns(0x8180, 1, 40, 0, 0, name(2, 20) + "00010001", answers.toString()), false)).isTrue();
        assertThat(decoded).as("samples meant to decode").isEqualTo(8);
    }

    /** Random byte changes to the samples: whatever the parser accepts or rejects, both paths agree. */
    @Test
    void dnsMutatedMessagesEncodeAlike() {
        java.util.Random r = new java.util.Random(1126);
        List<byte[]> samples = dnsSamples();
        for (int i = 0; i < 20_000; i++) {
            byte[] m = samples.get(r.nextInt(samples.size())).clone();
            int changes = 1 + r.nextInt(4);
            for (int c = 0; c < changes && m.length > 0; c++) m[r.nextInt(m.length)] = (byte) r.nextInt(256);
            dnsAlike(m, false);
        }
    }

    @Test
    void sipEncodeRejectsBadRange() {
        WireWriter w = new WireWriter();
        assertThat(Sip.encode(new byte[4], 2, 3, 0, w)).isFalse();
        assertThat(Sip.encode(null, 0, 0, 0, w)).isFalse();
        assertThat(w.length()).isZero();
    }
}
