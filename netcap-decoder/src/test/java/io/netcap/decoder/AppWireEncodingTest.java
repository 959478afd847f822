package io.netcap.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.netcap.decoder.app.AppDispatch;
import io.netcap.decoder.app.AppDispatch.Protocol;
import io.netcap.decoder.app.Sip;
import io.netcap.decoder.flow.PacketFacts;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.LayerKind;
import io.netcap.packet.layer.Layers;
import io.netcap.packet.source.PacketSource;
import io.netcap.packet.source.PacketSources;
import io.netcap.testing.Corpus;
import io.netcap.types.RecordType;
import io.netcap.types.SIP;
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
 * The wire encoding of application records (SIP) against the generated serialisation of the record the
 * decoder builds with the packet context applied by {@link ContextFields}: over every corpus capture,
 * {@link AppDecoding} must emit the same records byte for byte, and hand-built messages must encode alike.
 */
class AppWireEncodingTest {
    private static final Set<RecordType> WIRE_TYPES = EnumSet.of(RecordType.SIP);
    private static final HexFormat HEX = HexFormat.of();

    private static String hex(RecordType type, byte[] b, int n) {
        return type + " " + HEX.formatHex(b, 0, n);
    }

    /** The builder path, as {@link AppDecoding} took it for every protocol. */
    private static List<String> built(Layers layers, long ts, PacketFacts facts, boolean context) {
        List<String> out = new ArrayList<>();
        boolean overTcp = false;
        for (int i = 0; i < layers.count(); i++) {
            LayerKind k = layers.kind(i);
            if (k == LayerKind.TCP) overTcp = true;
            if (k == LayerKind.UNKNOWN) break;
            Protocol p = k == LayerKind.SIP ? Protocol.SIP : k == LayerKind.DNS ? Protocol.DNS : null;
            if (p == null || !WIRE_TYPES.contains(p.types().getFirst())) continue;
            for (Message m : AppDispatch.decode(p, layers.buffer(), layers.offset(i), layers.length(i), ts,
                    new AppDispatch.Options(false, overTcp))) {
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
            try (PacketSource s = PacketSources.open(capture)) {
                while (true) {
                    Packet p;
                    try {
                        p = s.next();
                    } catch (IOException e) {
                        break; // a damaged tail
                    }
                    if (p == null) break;
                    facts.parse(p);
                    Layers layers = pipeline.decode(p, m -> {});
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
        }
        System.out.println("app wire encoding (context " + context + "): " + counts);
        assertThat(counts).containsKeys(RecordType.SIP);
    }

    /** {@link Sip#encode} against the serialised {@link Sip#decode} of the same bytes (no context). */
    private static void sipAlike(String message) {
        byte[] b = message.getBytes(StandardCharsets.ISO_8859_1);
        byte[] padded = new byte[b.length + 6];
        System.arraycopy(b, 0, padded, 3, b.length);
        WireWriter w = new WireWriter();
        SIP built = Sip.decode(padded, 3, b.length, -42L);
        boolean ok = Sip.encode(padded, 3, b.length, -42L, w);
        assertThat(ok).as(message).isEqualTo(built != null);
        if (built != null) {
            assertThat(HEX.formatHex(Arrays.copyOf(w.buffer(), w.length()))).as(message)
                    .isEqualTo(HEX.formatHex(built.toByteArray()));
        } else {
            assertThat(w.length()).isZero();
        }
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

    @Test
    void sipEncodeRejectsBadRange() {
        WireWriter w = new WireWriter();
        assertThat(Sip.encode(new byte[4], 2, 3, 0, w)).isFalse();
        assertThat(Sip.encode(null, 0, 0, 0, w)).isFalse();
        assertThat(w.length()).isZero();
    }
}
