package io.netcap.packet.layer;

import io.netcap.packet.Packet;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Hand-built frames for the view, parser and decoder tests: hex pieces, spaces ignored. */
public final class Frames {
    private Frames() {}

    public static final String MAC_DST = "ffffffffffff";
    public static final String MAC_SRC = "001122334455";
    /** IPv4 header template: version 4, IHL 5, total length %s, id 0x1c46, DF, TTL 64, protocol %s, 192.168.0.1 -> 192.168.0.199. */
    public static String ipv4(int totalLength, int protocol) {
        return String.format("4500%04x 1c46 4000 40%02x b1e6 c0a80001 c0a800c7", totalLength, protocol);
    }

    /** TCP header: ports 80 -> 443, seq 1, ack 0, data offset 5, SYN, window 65535. */
    public static final String TCP_SYN = "0050 01bb 00000001 00000000 5002 ffff 0000 0000";

    public static byte[] bytes(String... hex) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String h : hex) {
            out.writeBytes(HexFormat.of().parseHex(h.replace(" ", "")));
        }
        return out.toByteArray();
    }

    public static Packet packet(int linkType, String... hex) {
        byte[] b = bytes(hex);
        return Packet.of(1_000_000_000L, b.length, linkType, b);
    }

    /** A packet whose wire length exceeds the captured bytes (snap length cut). */
    public static Packet snapped(int linkType, int wireLength, String... hex) {
        byte[] b = bytes(hex);
        return Packet.of(1_000_000_000L, wireLength, linkType, b);
    }

    public static Packet ethernet(String type, String... payload) {
        String[] all = new String[payload.length + 1];
        all[0] = MAC_DST + MAC_SRC + type;
        System.arraycopy(payload, 0, all, 1, payload.length);
        return packet(1, all);
    }

    public static String kinds(Layers l) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < l.count(); i++) {
            sb.append(i == 0 ? "" : " ").append(l.kind(i));
        }
        return sb.toString();
    }
}
