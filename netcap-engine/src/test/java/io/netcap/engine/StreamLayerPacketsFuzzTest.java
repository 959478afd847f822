package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netcap.decoder.Protocols;
import io.netcap.decoder.flow.PacketFacts;
import io.netcap.decoder.stream.EncryptedSessions;
import io.netcap.decoder.stream.Ipv4Defragmenter;
import io.netcap.decoder.stream.ReassemblyConfig;
import io.netcap.decoder.stream.ReassemblyTrace;
import io.netcap.decoder.stream.StreamShared;
import io.netcap.decoder.stream.credentials.CredentialStore;
import io.netcap.decoder.stream.credentials.HarvestConfig;
import io.netcap.decoder.stream.files.FileExtraction;
import io.netcap.decoder.stream.ftp.FtpDataChannels;
import io.netcap.decoder.stream.software.SoftwareStore;
import io.netcap.engine.config.StreamConfig;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.LayerParser;
import io.netcap.packet.layer.Layers;
import io.netcap.packet.source.LinkType;
import io.netcap.types.RecordType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Arbitrary packets of a few flows through the stream layer as a worker runs it: the layer parser, IPv4
 * defragmentation, TCP reassembly (with the segment checks on or off, small caps or the defaults, short
 * timeouts), UDP conversations, every stream decoder of the registry, the credential harvesting and the Software
 * table. The targets of the reassembler and of each parser fuzz one part with its input cut for it; this one
 * fuzzes the engine's glue between them with real frames. Nothing escapes, no stream parser or harvester fails,
 * no more bytes are reassembled than the segments carried, and every record parses.
 *
 * <p>Input: a first byte of settings (bit 0: IPv6; bit 1: the segment checks; bit 2: small caps; bit 3: closed
 * connections removed; bit 4: UDP by five-tuple; bits 5-7: the server port, one of {@link #PORTS}), then
 * packets of five bytes and a payload: direction and flow (bit 7: from the server; bit 6: UDP; bit 5: IPv4 in
 * two fragments, bit 4 with the second first; bits 0-1: which of four client ports), TCP flags, the sequence
 * number's offset from the direction's next byte (signed), the time since the previous packet (its square in
 * tens of milliseconds) and the payload's length. Checksums are right, so the checksum check passes them.
 * Seeds: {@code StreamLayerPacketsFuzzTestInputs/packets/}.
 */
class StreamLayerPacketsFuzzTest {
    private static final int[] PORTS = {80, 25, 21, 22, 53, 110, 143, 443};
    private static final byte[] CLIENT4 = {10, 0, 0, 1};
    private static final byte[] SERVER4 = {10, 0, 0, 2};
    private static final byte[] CLIENT6 = ip6(1);
    private static final byte[] SERVER6 = ip6(2);

    @FuzzTest(maxDuration = "30s")
    void packets(byte[] data) {
        if (data.length < 1) {
            return;
        }
        int settings = data[0] & 0xff;
        boolean v6 = (settings & 1) != 0;
        int serverPort = PORTS[settings >>> 5];
        List<String> failures = new ArrayList<>();
        // each record in its type's file
        RecordSink sink = (type, record) -> assertThat(record).isInstanceOf(type.prototype().getClass());
        StreamLayer layer = new StreamLayer(config(settings), StreamLayer.enabled(EnumSet.allOf(RecordType.class), false),
                true, 0, 1, sink, FileExtraction.OFF, null, (kind, c, message) -> {
                    if (kind.startsWith("DECODER_FAILURE")) {
                        failures.add(kind + ": " + message);
                    }
                }, (w, p) -> { throw new AssertionError("one worker hands nothing over"); },
                new StreamShared(new FtpDataChannels(), new SoftwareStore(16, () -> null), new CredentialStore(16),
                        null, new EncryptedSessions(), null, null));
        LayerParser parser = new LayerParser(Protocols.routes(), false);
        PacketFacts facts = new PacketFacts();
        // the next sequence number of each client port's two directions, from ISNs near the wrap at 2^32
        long[][] next = new long[4][2];
        for (int f = 0; f < 4; f++) {
            next[f][0] = 0xffff_ff00L + f;
            next[f][1] = 0x7fff_fff0L + f;
        }
        long tcpPayload = 0;
        long ts = 1_700_000_000_000_000_000L;
        int ipId = 1;
        int i = 1;
        while (i + 5 <= data.length) {
            int how = data[i] & 0xff;
            int flags = data[i + 1] & 0xff;
            int seqOffset = data[i + 2];
            int wait = data[i + 3] & 0xff;
            int len = Math.min(data[i + 4] & 0xff, data.length - i - 5);
            int payloadAt = i + 5;
            i = payloadAt + len;
            boolean fromServer = (how & 0x80) != 0;
            boolean udp = (how & 0x40) != 0;
            int flow = how & 3;
            int clientPort = 40_000 + flow;
            ts += wait * wait * 10_000_000L;

            byte[] l4;
            if (udp) {
                l4 = new byte[8 + len];
                put16(l4, 0, fromServer ? serverPort : clientPort);
                put16(l4, 2, fromServer ? clientPort : serverPort);
                put16(l4, 4, l4.length);
            } else {
                int dir = fromServer ? 1 : 0;
                long seq = (next[flow][dir] + seqOffset) & 0xffff_ffffL;
                l4 = new byte[20 + len];
                put16(l4, 0, fromServer ? serverPort : clientPort);
                put16(l4, 2, fromServer ? clientPort : serverPort);
                put32(l4, 4, seq);
                put32(l4, 8, next[flow][1 - dir]);
                l4[12] = 5 << 4;
                l4[13] = (byte) flags;
                put16(l4, 14, 65535);
                long end = seq + len + ((flags & 0x03) != 0 ? 1 : 0); // SYN and FIN take a number each
                if (((end - next[flow][dir]) & 0xffff_ffffL) < 0x8000_0000L) {
                    next[flow][dir] = end & 0xffff_ffffL;
                }
                tcpPayload += len;
            }
            System.arraycopy(data, payloadAt, l4, udp ? 8 : 20, len);
            byte[] src = v6 ? (fromServer ? SERVER6 : CLIENT6) : (fromServer ? SERVER4 : CLIENT4);
            byte[] dst = v6 ? (fromServer ? CLIENT6 : SERVER6) : (fromServer ? CLIENT4 : SERVER4);
            int protocol = udp ? 17 : 6;
            int sum = checksum(pseudo(src, dst, protocol, l4.length), l4);
            put16(l4, udp ? 6 : 16, udp && sum == 0 ? 0xffff : sum);
            List<byte[]> frames = new ArrayList<>();
            if (v6) {
                frames.add(ipv6(src, dst, protocol, l4));
            } else if ((how & 0x20) != 0 && l4.length > 16) {
                int cut = (l4.length / 2) & ~7; // a fragment's data is a multiple of eight bytes, but the last
                frames.add(ipv4(src, dst, protocol, ipId, 0, true, l4, 0, cut));
                frames.add(ipv4(src, dst, protocol, ipId, cut, false, l4, cut, l4.length - cut));
                if ((how & 0x10) != 0) {
                    frames.add(frames.remove(0));
                }
            } else {
                frames.add(ipv4(src, dst, protocol, ipId, 0, false, l4, 0, l4.length));
            }
            ipId++;
            for (byte[] ip : frames) {
                byte[] frame = new byte[14 + ip.length];
                frame[5] = (byte) (fromServer ? 2 : 1);
                frame[11] = (byte) (fromServer ? 1 : 2);
                put16(frame, 12, v6 ? 0x86dd : 0x0800);
                System.arraycopy(ip, 0, frame, 14, ip.length);
                Layers l = parser.parse(Packet.of(ts, frame.length, LinkType.ETHERNET, frame));
                layer.handle(l, facts.fill(l));
            }
        }
        layer.finish();

        Map<String, Long> stats = layer.stats();
        assertThat(failures).isEmpty();
        assertThat(stats.get("stream_parser_failures")).isZero();
        assertThat(stats.get("credentials_failures")).isZero();
        assertThat(stats.get("reassembled_bytes")).isBetween(0L, tcpPayload);
        if ((settings & 2) != 0) {
            assertThat(stats.get("tcp_bad_checksum")).as("the frames' checksums are right").isZero();
        }
    }

    /** Small caps and short timeouts, or the defaults, with or without the segment checks and closed removal. */
    private static StreamConfig config(int settings) {
        ReassemblyConfig tcp = ReassemblyConfig.defaults()
                .withChecks((settings & 2) != 0, (settings & 2) != 0, (settings & 2) != 0)
                .withRemoveClosed((settings & 8) != 0);
        boolean small = (settings & 4) != 0;
        if (small) {
            tcp = tcp.withCaps(2, 256, 512, 8).withTimeouts(1_000_000_000L, 2_000_000_000L);
        }
        StreamConfig d = StreamConfig.defaults();
        return new StreamConfig(true, true, tcp, small ? 1 : d.flushEvery(), (settings & 16) != 0,
                small ? 2 : d.maxUdpConversations(), small ? Duration.ofSeconds(1) : d.udpTimeout(),
                small ? new Ipv4Defragmenter.Limits(1_000_000_000L, 2, 256) : d.defrag(), small ? 512 : d.maxUnconsumed(),
                "", false, false, 0, new HarvestConfig(64, "", (settings & 8) != 0), false,
                ReassemblyTrace.Options.OFF);
    }

    private static byte[] ipv4(byte[] src, byte[] dst, int protocol, int id, int offset, boolean more, byte[] l4,
                               int from, int len) {
        byte[] ip = new byte[20 + len];
        ip[0] = 0x45;
        put16(ip, 2, ip.length);
        put16(ip, 4, id);
        put16(ip, 6, (more ? 0x2000 : 0) | offset / 8);
        ip[8] = 64;
        ip[9] = (byte) protocol;
        System.arraycopy(src, 0, ip, 12, 4);
        System.arraycopy(dst, 0, ip, 16, 4);
        put16(ip, 10, checksum(new byte[0], java.util.Arrays.copyOf(ip, 20)));
        System.arraycopy(l4, from, ip, 20, len);
        return ip;
    }

    private static byte[] ipv6(byte[] src, byte[] dst, int protocol, byte[] l4) {
        byte[] ip = new byte[40 + l4.length];
        ip[0] = 0x60;
        put16(ip, 4, l4.length);
        ip[6] = (byte) protocol;
        ip[7] = 64;
        System.arraycopy(src, 0, ip, 8, 16);
        System.arraycopy(dst, 0, ip, 24, 16);
        System.arraycopy(l4, 0, ip, 40, l4.length);
        return ip;
    }

    /** The pseudo-header of RFC 793 (IPv4) or RFC 8200 8.1 (IPv6) for the checksum of TCP or UDP. */
    private static byte[] pseudo(byte[] src, byte[] dst, int protocol, int length) {
        byte[] p = new byte[2 * src.length + 8];
        System.arraycopy(src, 0, p, 0, src.length);
        System.arraycopy(dst, 0, p, src.length, dst.length);
        put32(p, 2 * src.length, length);
        p[p.length - 1] = (byte) protocol;
        return p;
    }

    /** The Internet checksum (RFC 1071) of {@code a} followed by {@code b} ({@code a} of even length). */
    private static int checksum(byte[] a, byte[] b) {
        long sum = 0;
        for (byte[] x : new byte[][] {a, b}) {
            for (int k = 0; k < x.length; k += 2) {
                sum += (x[k] & 0xff) << 8 | (k + 1 < x.length ? x[k + 1] & 0xff : 0);
            }
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) ~sum & 0xffff;
    }

    private static byte[] ip6(int last) {
        byte[] a = new byte[16];
        a[0] = (byte) 0xfd;
        a[15] = (byte) last;
        return a;
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    private static void put32(byte[] b, int off, long v) {
        put16(b, off, (int) (v >>> 16));
        put16(b, off + 2, (int) v);
    }
}
