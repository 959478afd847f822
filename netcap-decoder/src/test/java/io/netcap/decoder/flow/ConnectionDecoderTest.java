package io.netcap.decoder.flow;

import static io.netcap.decoder.flow.Frames.ip4;
import static io.netcap.decoder.flow.Frames.mac;
import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.ConnectionCaps;
import io.netcap.decoder.WireSink;
import io.netcap.packet.Packet;
import io.netcap.types.Connection;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionDecoderTest {
    static final byte[] MAC_A = mac(1);
    static final byte[] MAC_B = mac(2);
    static final byte[] IP_A = ip4(10, 0, 0, 1);
    static final byte[] IP_B = ip4(10, 0, 0, 2);
    static final int SYN = 0x02, ACK = 0x10, PSH = 0x08, FIN = 0x01, NS = 0x100;
    static final long DAY = 86_400_000_000_000L;

    final List<Connection> out = new ArrayList<>();
    final ConnectionDecoder dec = new ConnectionDecoder(out::add, DAY, DAY, 1000, 0);
    final PacketFacts facts = new PacketFacts();

    void feed(Packet p) {
        dec.handle(Facts.fill(facts, p));
    }

    Packet ab(long ts, int flags, int window, int payload) {
        return Frames.tcp(ts, MAC_A, MAC_B, IP_A, IP_B, 40000, 80, flags, window, payload);
    }

    Packet ba(long ts, int flags, int window, int payload) {
        return Frames.tcp(ts, MAC_B, MAC_A, IP_B, IP_A, 80, 40000, flags, window, payload);
    }

    /**
     * The connections left at the end come out by first timestamp, then UID as text: many share a timestamp (the
     * runs the packed sort leaves to the comparator), and one far apart in time takes the comparator throughout.
     */
    @Test
    void flushedConnectionsAreOrderedByFirstTimestampThenUid() {
        for (long far : new long[] {0, Long.MAX_VALUE / 2}) {
            out.clear();
            java.util.Random random = new java.util.Random(3);
            for (int i = 0; i < 2_000; i++) {
                long ts = 1_000L * random.nextInt(50);
                feed(Frames.tcp(ts, MAC_A, MAC_B, IP_A, IP_B, 1024 + i, 80, SYN, 502, 0));
            }
            feed(Frames.tcp(far, MAC_A, MAC_B, IP_A, IP_B, 9, 80, SYN, 502, 0));
            dec.flush();
            assertThat(out).hasSize(2_001);
            java.util.Comparator<Connection> order = java.util.Comparator.comparingLong(Connection::getTimestampFirst)
                    .thenComparing(Connection::getUID);
            assertThat(out).isSortedAccordingTo(order);
            assertThat(out.stream().map(Connection::getUID).distinct()).hasSize(2_001);
        }
    }

    @Test
    void bidirectionalCountersAndFlags() {
        feed(ab(1_000, SYN, 502, 0));          // 54 bytes
        feed(ba(2_000, SYN | ACK, 502, 0));    // 54
        feed(ab(3_000, ACK | PSH | NS, 1, 10)); // 64
        dec.flush();
        assertThat(out).hasSize(1);
        Connection c = out.getFirst();
        assertThat(c.getNumPackets()).isEqualTo(3);
        assertThat(c.getTotalSize()).isEqualTo(54 + 54 + 64);
        assertThat(c.getBytesClientToServer()).isEqualTo(54 + 64);
        assertThat(c.getBytesServerToClient()).isEqualTo(54);
        assertThat(c.getTimestampFirst()).isEqualTo(1_000);
        assertThat(c.getTimestampLast()).isEqualTo(3_000);
        assertThat(c.getDuration()).isEqualTo(2_000);
        assertThat(c.getNumSYNFlags()).isEqualTo(2);
        assertThat(c.getNumACKFlags()).isEqualTo(2);
        assertThat(c.getNumPSHFlags()).isEqualTo(1);
        assertThat(c.getNumNSFlags()).isEqualTo(1);
        assertThat(c.getNumFINFlags()).isZero();
        assertThat(c.getSrcIP()).isEqualTo("10.0.0.1");
        assertThat(c.getDstIP()).isEqualTo("10.0.0.2");
        assertThat(c.getSrcPort()).isEqualTo("40000");
        assertThat(c.getDstPort()).isEqualTo("80");
        assertThat(c.getSrcMAC()).isEqualTo("02:00:00:00:00:01");
        assertThat(c.getLinkProto()).isEqualTo("Ethernet");
        assertThat(c.getNetworkProto()).isEqualTo("IPv4");
        assertThat(c.getTransportProto()).isEqualTo("TCP");
        assertThat(c.getAppPayloadSize()).isZero();
        // Spec example: windows 502, 502, 1 -> 502, 251, 0.
        assertThat(c.getMeanWindowSize()).isZero();
        assertThat(c.getCommunityID()).isEqualTo(CommunityId.v1(0, IP_B, IP_A, 6, 80, 40000));
    }

    @Test
    void meanWindowSizeRestartsFromZero() {
        feed(ab(1, ACK, 502, 0));
        feed(ab(2, ACK, 502, 0));
        feed(ab(3, ACK, 1, 0));
        feed(ab(4, ACK, 300, 0));
        dec.flush();
        assertThat(out.getFirst().getMeanWindowSize()).isEqualTo(300);
    }

    @Test
    void uidIsMd5OfTheThreeFlowHashes() throws Exception {
        feed(ab(1, SYN, 1, 0));
        dec.flush();
        String key = fnvFlow(MAC_A, MAC_B, 3) + fnvFlow(IP_A, IP_B, 1)
                + fnvFlow(new byte[] {(byte) 0x9c, 0x40}, new byte[] {0, 80}, 4);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(key.getBytes(StandardCharsets.US_ASCII)));
        assertThat(out.getFirst().getUID()).isEqualTo(md5);
    }

    /** Independent arithmetic: fnv1a-64 with BigInteger modulo 2^64. */
    static String fnvFlow(byte[] s, byte[] d, int type) {
        BigInteger mod = BigInteger.ONE.shiftLeft(64);
        BigInteger prime = new BigInteger("1099511628211");
        BigInteger h = fnv(s, mod, prime).add(fnv(d, mod, prime)).mod(mod);
        h = h.xor(BigInteger.valueOf(type)).multiply(prime).mod(mod);
        return h.toString();
    }

    static BigInteger fnv(byte[] b, BigInteger mod, BigInteger prime) {
        BigInteger h = new BigInteger("14695981039346656037");
        for (byte x : b) {
            h = h.xor(BigInteger.valueOf(x & 0xff)).multiply(prime).mod(mod);
        }
        return h;
    }

    @Test
    void earlierPacketArrivingLateDefinesDirection() {
        feed(ba(2_000, SYN | ACK, 10, 0)); // reply seen first (54 bytes)
        feed(ab(1_000, SYN, 10, 5));       // the real first packet (59 bytes)
        dec.flush();
        Connection c = out.getFirst();
        assertThat(c.getSrcIP()).isEqualTo("10.0.0.1");
        assertThat(c.getSrcPort()).isEqualTo("40000");
        assertThat(c.getTimestampFirst()).isEqualTo(1_000);
        assertThat(c.getBytesClientToServer()).isEqualTo(59);
        assertThat(c.getBytesServerToClient()).isEqualTo(54);
    }

    @Test
    void idleConnectionsAreEmittedBeforeShutdown() {
        List<Connection> emitted = new ArrayList<>();
        long sec = 1_000_000_000L;
        ConnectionDecoder d = new ConnectionDecoder(emitted::add, 10 * sec, DAY, 1, 0);
        d.handle(Facts.fill(facts, ab(sec, SYN, 1, 0)));
        d.handle(Facts.fill(facts, Frames.udp(21 * sec / 2, MAC_A, MAC_B, IP_A, IP_B, 5000, 53, 4)));
        assertThat(emitted).isEmpty();
        d.handle(Facts.fill(facts, Frames.udp(20 * sec, MAC_A, MAC_B, IP_A, IP_B, 5000, 53, 4)));
        assertThat(emitted).extracting(Connection::getTransportProto).containsExactly("TCP");
        assertThat(d.size()).isEqualTo(1);
        d.flush();
        assertThat(emitted).hasSize(2);
        assertThat(emitted.get(1).getNumPackets()).isEqualTo(2);
        assertThat(emitted.get(1).getApplicationProto()).isEqualTo("DNS");
    }

    /**
     * A flow's own packet after a silence longer than the idle timeout ends its record and starts the next, also
     * when no other traffic ran a scan during the silence (a capture of one flow, checked on every packet or
     * rarely).
     */
    @Test
    void aFlowSilentLongerThanTheIdleTimeoutStartsANewRecordAtItsNextPacket() {
        long sec = 1_000_000_000L;
        for (int checkEvery : new int[] {1, 1000}) {
            List<Connection> emitted = new ArrayList<>();
            ConnectionDecoder d = new ConnectionDecoder(emitted::add, 10 * sec, DAY, checkEvery, 0);
            for (long t : new long[] {1, 2, 3, 20, 21, 40}) { // silences of 17 s and 19 s
                d.handle(Facts.fill(facts, Frames.udp(t * sec, MAC_A, MAC_B, IP_A, IP_B, 5000, 53, 4)));
            }
            assertThat(emitted).as("every " + checkEvery).extracting(Connection::getNumPackets).containsExactly(3, 2);
            d.flush();
            assertThat(emitted).extracting(Connection::getTimestampFirst).containsExactly(sec, 20 * sec, 40 * sec);
            assertThat(emitted).extracting(Connection::getUID).containsOnly(emitted.getFirst().getUID());
            // a silence of exactly the timeout is not longer than it
            emitted.clear();
            ConnectionDecoder e = new ConnectionDecoder(emitted::add, 10 * sec, DAY, checkEvery, 0);
            e.handle(Facts.fill(facts, Frames.udp(sec, MAC_A, MAC_B, IP_A, IP_B, 5000, 53, 4)));
            e.handle(Facts.fill(facts, Frames.udp(11 * sec, MAC_A, MAC_B, IP_A, IP_B, 5000, 53, 4)));
            e.flush();
            assertThat(emitted).extracting(Connection::getNumPackets).containsExactly(2);
        }
    }

    /** A flood of new keys past the cap: the tenth seen longest ago is emitted at once, counted; none is lost. */
    @Test
    void aFullTableEmitsItsOldestTenthAndLosesNothing() {
        List<Connection> emitted = new ArrayList<>();
        ConnectionDecoder d = new ConnectionDecoder(WireSink.<Connection>messages(emitted::add), DAY, DAY, 1000, 0, 100);
        for (int port = 1; port <= 100; port++) { // 100 flows, the first packet of flow p at time p
            d.handle(Facts.fill(facts, Frames.udp(port, MAC_A, MAC_B, IP_A, IP_B, 10_000 + port, 53, 4)));
        }
        d.handle(Facts.fill(facts, Frames.udp(101, MAC_A, MAC_B, IP_A, IP_B, 10_001, 53, 4))); // flow 1 seen again
        assertThat(emitted).isEmpty();
        d.handle(Facts.fill(facts, Frames.udp(102, MAC_A, MAC_B, IP_A, IP_B, 20_000, 53, 4))); // the 101st key
        // the ten seen longest ago: flows 2 to 11 (flow 1 was seen at 101)
        assertThat(emitted).extracting(Connection::getSrcPort)
                .containsExactlyInAnyOrder("10002", "10003", "10004", "10005", "10006", "10007", "10008", "10009", "10010", "10011");
        assertThat(d.flushedAtCap()).isEqualTo(10);
        assertThat(d.size()).isEqualTo(91);
        d.flush();
        assertThat(emitted).hasSize(101);
        assertThat(emitted).extracting(Connection::getSrcPort).contains("10001", "20000");
    }

    /** Memory pressure: the quarter seen longest ago is emitted at once and the lower cap stays; none is lost. */
    @Test
    void shrinkingEmitsTheOldestQuarterAndKeepsTheLowerCap() {
        List<Connection> emitted = new ArrayList<>();
        int n = 4 * ConnectionCaps.SHRINK_FLOOR;
        ConnectionDecoder d = new ConnectionDecoder(WireSink.<Connection>messages(emitted::add), DAY, DAY, 1_000_000, 0,
                2 * n);
        for (int i = 1; i <= n; i++) { // flow i first seen at time i, each on its own address pair
            d.handle(Facts.fill(facts, Frames.udp(i, MAC_A, MAC_B, IP_A, ip4(10, 1, i >> 8, i & 0xFF), 5000, 53, 4)));
        }
        assertThat(d.shrink()).isEqualTo(3 * ConnectionCaps.SHRINK_FLOOR);
        assertThat(d.size()).isEqualTo(3 * ConnectionCaps.SHRINK_FLOOR);
        assertThat(emitted).hasSize(ConnectionCaps.SHRINK_FLOOR)
                .extracting(Connection::getDstIP).first().isEqualTo("10.1.0.1");
        assertThat(emitted).extracting(Connection::getDstIP).last().isEqualTo("10.1.3.232"); // flow 1,000
        assertThat(d.flushedAtCap()).isEqualTo(ConnectionCaps.SHRINK_FLOOR);
        // a new key past the lower cap emits the oldest tenth, as a full table does
        d.handle(Facts.fill(facts, Frames.udp(n + 1, MAC_A, MAC_B, IP_A, IP_B, 6000, 53, 4)));
        assertThat(d.size()).isEqualTo(3 * ConnectionCaps.SHRINK_FLOOR + 1 - 300);
        d.flush();
        assertThat(emitted).hasSize(n + 1);
    }

    @Test
    void dpiProtocolFoundLateNamesTheRecord() {
        List<Connection> emitted = new ArrayList<>();
        ConnectionDecoder d = new ConnectionDecoder(emitted::add, DAY, DAY, 1, 0);
        d.nameDpi(p -> p == 5 ? "DNS.Google" : "", p -> p == 5 ? "Network" : "");
        d.handle(Facts.fill(facts, Frames.udp(1, MAC_A, MAC_B, IP_A, IP_B, 5000, 53, 4)));
        Facts.fill(facts, Frames.udp(2, MAC_B, MAC_A, IP_B, IP_A, 53, 5000, 4));
        facts.dpiProtocol = 5; // nDPI decides at the second packet
        d.handle(facts);
        d.handle(Facts.fill(facts, Frames.udp(3, MAC_A, MAC_B, IP_A, ip4(10, 0, 0, 3), 5000, 53, 4))); // undecided
        d.flush();
        assertThat(emitted).extracting(Connection::getApplicationProto).containsExactly("DNS.Google", "DNS");
        assertThat(emitted).extracting(Connection::getApplicationCategory).containsExactly("Network", "");
    }

    @Test
    void fragmentsShareAKeyWithoutPorts() {
        byte[] l4 = new byte[24];
        feed(Frames.frame(1, MAC_A, MAC_B, IP_A, IP_B, 17, l4, 0x2000)); // first fragment (MF)
        feed(Frames.frame(2, MAC_A, MAC_B, IP_A, IP_B, 17, l4, 3));      // offset 24
        dec.flush();
        assertThat(out).hasSize(1);
        assertThat(out.getFirst().getNumPackets()).isEqualTo(2);
        assertThat(out.getFirst().getTransportProto()).isEmpty();
        assertThat(out.getFirst().getCommunityID()).isEmpty();
    }
}
