package io.netcap.cli;

import io.netcap.decoder.stream.TcpChecksum;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * The frame of {@code net util -mkpacket tcp|udp}: a payload given in hex, in the frame the original builds:
 * Ethernet from and to 00:00:5e:00:53:01 (RFC 7042's documentation address), IPv4 from 127.0.0.1 to itself (TTL
 * 128, ID 500, DF), then UDP 52 → 53 or TCP 8000 → 8001. The original's frame is malformed: its IPv4 header
 * always says UDP, its lengths count the payload only, every checksum is 0 and the TCP header's data offset is 0
 * (TShark: "bogus"). Here protocol, lengths, data offset and checksums are right, and the TCP segment carries
 * PSH and ACK with a window of 65535 (the original's has no flag and a zero window, which stacks and
 * dissectors treat as a scan or a stall rather than data).
 */
final class PacketMaker {
    static final int ETHERNET = 14;
    static final int IPV4 = 20;
    private static final byte[] MAC = {0x00, 0x00, 0x5e, 0x00, 0x53, 0x01};
    private static final byte[] LOCALHOST = {127, 0, 0, 1};
    private static final int TCP_HEADER = 20;
    private static final int UDP_HEADER = 8;

    private PacketMaker() {}

    /** The bytes of hex text; white space anywhere is ignored. */
    static byte[] payload(String text) {
        String hex = text.replaceAll("\\s+", "");
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits (" + hex.length() + ")");
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("not a hex digit at " + i + ": '" + hex.charAt(i) + "'");
            }
        }
        return HexFormat.of().parseHex(hex);
    }

    /** Whether {@code transport} is "tcp" rather than "udp"; anything else is refused. */
    static boolean tcp(String transport) {
        if (!transport.equals("tcp") && !transport.equals("udp")) {
            throw new IllegalArgumentException("allowed are tcp and udp, not " + transport);
        }
        return transport.equals("tcp");
    }

    /** The frame carrying {@code payload} over TCP or UDP. */
    static byte[] frame(boolean tcp, byte[] payload) {
        int header = tcp ? TCP_HEADER : UDP_HEADER;
        int l4 = header + payload.length;
        if (IPV4 + l4 > 0xFFFF) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes: an IPv4 datagram holds at most "
                    + (0xFFFF - IPV4 - header));
        }
        ByteBuffer b = ByteBuffer.allocate(ETHERNET + IPV4 + l4);
        b.put(MAC).put(MAC).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (IPV4 + l4)).putShort((short) 500)
                .putShort((short) 0x4000) // DF
                .put((byte) 128).put((byte) (tcp ? 6 : 17)).putShort((short) 0).put(LOCALHOST).put(LOCALHOST);
        if (tcp) {
            b.putShort((short) 8000).putShort((short) 8001).putInt(0).putInt(0)
                    .put((byte) (5 << 4)).put((byte) 0x18) // data offset 5; PSH, ACK
                    .putShort((short) 0xFFFF).putShort((short) 0).putShort((short) 0);
        } else {
            b.putShort((short) 52).putShort((short) 53).putShort((short) l4).putShort((short) 0);
        }
        b.put(payload);
        byte[] f = b.array();
        ByteBuffer.wrap(f).putShort(ETHERNET + 10, (short) TcpChecksum.compute(f, ETHERNET, IPV4));
        int sum = TcpChecksum.compute(LOCALHOST, LOCALHOST, 4, tcp ? 6 : 17, f, ETHERNET + IPV4, l4);
        ByteBuffer.wrap(f).putShort(ETHERNET + IPV4 + (tcp ? 16 : 6), (short) (!tcp && sum == 0 ? 0xFFFF : sum));
        return f;
    }
}
