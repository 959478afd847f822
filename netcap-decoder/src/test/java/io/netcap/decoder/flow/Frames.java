package io.netcap.decoder.flow;

import io.netcap.packet.Packet;
import java.io.ByteArrayOutputStream;

/** Hand-built Ethernet/IPv4/TCP|UDP frames for tests (checksums left zero: nothing here verifies them). */
final class Frames {
    private Frames() {}

    static byte[] mac(int last) {
        return new byte[] {0x02, 0, 0, 0, 0, (byte) last};
    }

    static byte[] ip4(int a, int b, int c, int d) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
    }

    static Packet tcp(long ts, byte[] smac, byte[] dmac, byte[] sip, byte[] dip, int sport, int dport,
                      int flags, int window, int payload) {
        byte[] l4 = new byte[20 + payload];
        put16(l4, 0, sport);
        put16(l4, 2, dport);
        l4[12] = (byte) (0x50 | ((flags >>> 8) & 1));
        l4[13] = (byte) flags;
        put16(l4, 14, window);
        return frame(ts, smac, dmac, sip, dip, 6, l4, 0);
    }

    static Packet udp(long ts, byte[] smac, byte[] dmac, byte[] sip, byte[] dip, int sport, int dport, int payload) {
        byte[] l4 = new byte[8 + payload];
        put16(l4, 0, sport);
        put16(l4, 2, dport);
        put16(l4, 4, 8 + payload);
        return frame(ts, smac, dmac, sip, dip, 17, l4, 0);
    }

    static Packet frame(long ts, byte[] smac, byte[] dmac, byte[] sip, byte[] dip, int proto, byte[] l4,
                        int flagsFrag) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(dmac);
        o.writeBytes(smac);
        o.write(0x08);
        o.write(0x00);
        byte[] ip = new byte[20];
        ip[0] = 0x45;
        put16(ip, 2, 20 + l4.length);
        put16(ip, 6, flagsFrag);
        ip[8] = 64;
        ip[9] = (byte) proto;
        System.arraycopy(sip, 0, ip, 12, 4);
        System.arraycopy(dip, 0, ip, 16, 4);
        o.writeBytes(ip);
        o.writeBytes(l4);
        byte[] data = o.toByteArray();
        return Packet.of(ts, data.length, 1, data);
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }
}
