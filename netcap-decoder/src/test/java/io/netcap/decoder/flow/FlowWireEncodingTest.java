package io.netcap.decoder.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.packet.Packet;
import io.netcap.testing.Corpus;
import io.netcap.types.DeviceProfile;
import io.netcap.types.IPProfile;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The wire-format Connection and profile records against the generated serialisation, over every corpus
 * capture (IPv4 and IPv6, fragments, ICMP, frames without network layer, several link types).
 */
class FlowWireEncodingTest {
    static final long SEC = 1_000_000_000L;

    static String hex(byte[] b, int n) {
        return HexFormat.of().formatHex(Arrays.copyOf(b, n));
    }

    /** Every Connection record written in wire format is the generated serialisation of its builder oracle, byte for byte. */
    @Test
    void connectionWireRecordsEqualBuiltRecords() throws IOException {
        long compared = 0;
        for (Path capture : Corpus.captures()) {
            List<String> expected = new ArrayList<>();
            List<String> actual = new ArrayList<>();
            ConnectionDecoder[] decoder = new ConnectionDecoder[1];
            // A short idle timeout checked on every packet exercises expiry as well as the final flush.
            decoder[0] = new ConnectionDecoder((type, b, n) -> {
                assertThat(type).isEqualTo(RecordType.Connection);
                expected.add(HexFormat.of().formatHex(ConnectionOracle.record(decoder[0].writing(), 7).toByteArray()));
                actual.add(hex(b, n));
            }, 10 * SEC, 60 * SEC, 1, 7, ConnectionDecoder.DEFAULT_MAX_CONNECTIONS);
            PacketFacts f = new PacketFacts();
            for (Packet p : Corpus.packets(capture)) {
                Facts.fill(f, p);
                decoder[0].handle(f);
            }
            decoder[0].flush();
            assertThat(actual).as(capture.getFileName().toString()).isEqualTo(expected);
            assertThat(decoder[0].writing()).isNull();
            compared += expected.size();
        }
        assertThat(compared).isGreaterThan(100);
    }

    /**
     * Profiles written in wire format are the canonical serialisation of their values (parsing and
     * serialising again gives the same bytes), and merging two workers' tables gives the records of one.
     */
    @Test
    void profileWireRecordsAreCanonicalAndMergeAlike() throws IOException {
        long compared = 0;
        for (Path capture : Corpus.captures()) {
            List<Packet> packets = Corpus.packets(capture);
            PacketFacts f = new PacketFacts();
            ProfileDecoder one = new ProfileDecoder();
            ProfileDecoder w0 = new ProfileDecoder();
            ProfileDecoder w1 = new ProfileDecoder();
            for (int i = 0; i < packets.size(); i++) {
                Facts.fill(f, packets.get(i));
                one.handle(f);
                (i % 3 == 1 ? w1 : w0).handle(f);
            }
            List<String> single = new ArrayList<>();
            ProfileDecoder.emit(List.of(one), (type, b, n) -> {
                assertThat(type).isEqualTo(RecordType.DeviceProfile);
                single.add(canonical(type, b, n));
            }, (type, b, n) -> {
                assertThat(type).isEqualTo(RecordType.IPProfile);
                single.add(canonical(type, b, n));
            });
            List<String> merged = new ArrayList<>();
            ProfileDecoder.emit(List.of(w0, w1), (type, b, n) -> merged.add(hex(b, n)), (type, b, n) -> merged.add(hex(b, n)));
            assertThat(merged).as(capture.getFileName().toString()).isEqualTo(single);
            compared += single.size();
        }
        assertThat(compared).isGreaterThan(100);
    }

    /** The decoder's cached flow hashes give every packet's own connection key: the UIDs are those of the keys. */
    @Test
    void connectionUidsAreThoseOfThePacketKeys() throws IOException {
        java.util.Set<String> expected = new java.util.TreeSet<>();
        java.util.Set<String> actual = new java.util.TreeSet<>();
        ConnectionDecoder d = new ConnectionDecoder(c -> actual.add(c.getUID()), Long.MAX_VALUE, Long.MAX_VALUE, 1000, 0);
        PacketFacts f = new PacketFacts();
        for (Path capture : Corpus.captures()) {
            for (Packet p : Corpus.packets(capture)) {
                Facts.fill(f, p);
                expected.add(FlowHash.uid(f.connectionKey()));
                d.handle(f);
            }
        }
        d.flush();
        assertThat(actual).hasSizeGreaterThan(100).isEqualTo(expected);
    }

    /** The numeric addresses and the flow hashes agree with the bytes. */
    @Test
    void numericAddressesAndCachedHashesAgreeWithBytes() throws IOException {
        PacketFacts f = new PacketFacts(); // one instance over all captures, as in a worker
        long checked = 0;
        for (Path capture : Corpus.captures()) {
            for (Packet p : Corpus.packets(capture)) {
                Facts.fill(f, p);
                if (f.hasMac) {
                    assertThat(f.srcMac48).isEqualTo(number(f.srcMac, 0, 6));
                    assertThat(f.dstMac48).isEqualTo(number(f.dstMac, 0, 6));
                    assertThat(f.linkFlowHash()).isEqualTo(FlowHash.flow(f.srcMac, 0, f.dstMac, 0, 6, FlowHash.ENDPOINT_MAC));
                    assertThat(FlowHash.flow(f.srcMac48, f.dstMac48, 6, FlowHash.ENDPOINT_MAC)).isEqualTo(f.linkFlowHash());
                } else {
                    assertThat(f.linkFlowHash()).isZero();
                }
                if (f.hasNetwork()) {
                    int n = f.ipLength;
                    assertThat(f.srcIpHi).isEqualTo(n == 16 ? number(f.srcIp, 0, 8) : 0);
                    assertThat(f.srcIpLo).isEqualTo(n == 16 ? number(f.srcIp, 8, 8) : number(f.srcIp, 0, 4));
                    assertThat(f.dstIpHi).isEqualTo(n == 16 ? number(f.dstIp, 0, 8) : 0);
                    assertThat(f.dstIpLo).isEqualTo(n == 16 ? number(f.dstIp, 8, 8) : number(f.dstIp, 0, 4));
                    assertThat(f.networkFlowHash()).isEqualTo(FlowHash.flow(f.srcIp, 0, f.dstIp, 0, n,
                            n == 4 ? FlowHash.ENDPOINT_IPV4 : FlowHash.ENDPOINT_IPV6));
                    assertThat(n == 4 ? FlowHash.flow(f.srcIpLo, f.dstIpLo, 4, FlowHash.ENDPOINT_IPV4)
                            : FlowHash.flow(f.srcIpHi, f.srcIpLo, f.dstIpHi, f.dstIpLo, FlowHash.ENDPOINT_IPV6))
                            .isEqualTo(f.networkFlowHash());
                    checked++;
                } else {
                    assertThat(f.networkFlowHash()).isZero();
                }
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }

    private static long number(byte[] b, int off, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = v << 8 | (b[off + i] & 0xff);
        }
        return v;
    }

    private static String canonical(RecordType type, byte[] b, int n) {
        try {
            byte[] again = type == RecordType.DeviceProfile
                    ? DeviceProfile.parser().parseFrom(b, 0, n).toByteArray()
                    : IPProfile.parser().parseFrom(b, 0, n).toByteArray();
            String hex = hex(b, n);
            assertThat(HexFormat.of().formatHex(again)).isEqualTo(hex);
            return hex;
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
