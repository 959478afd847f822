package io.netcap.decoder.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * TEST FIXTURE ONLY — not the project's packet parser. Reads a classic pcap or pcapng file and walks
 * Ethernet / 802.1Q / 802.3 LLC+SNAP / FDDI / Linux SLL / SLL2 / BSD null / raw IP, IPv4 (first fragments)
 * and IPv6 (extension headers skipped), GRE (incl. ERSPAN I/II) and VXLAN, down to the byte ranges the
 * application decoders receive. Differential tests use it until they are wired to the real LayerParser.
 */
public final class TestOnlyPayloadWalker {
    /** Where a byte range was found. */
    public enum Carrier { UDP, TCP, ETHERTYPE, SNAP, IP_PROTOCOL }

    /**
     * One byte range handed to an application decoder.
     *
     * @param key UDP/TCP: the port pair is in srcPort/dstPort; ETHERTYPE: the EtherType; SNAP: OUI &lt;&lt; 16 | PID;
     *            IP_PROTOCOL: the protocol number
     */
    public record Hit(int frame, long tsNanos, Carrier carrier, int key, int srcPort, int dstPort,
                      byte[] buf, int off, int len) {}

    private final List<Hit> out = new ArrayList<>();
    private int frame;
    private long ts;

    private TestOnlyPayloadWalker() {}

    public static List<Hit> walk(Path capture) throws IOException {
        TestOnlyPayloadWalker w = new TestOnlyPayloadWalker();
        readCapture(capture, (f) -> {
            w.frame++;
            w.ts = f.ts;
            try {
                w.link(f.linkType, f.data, 0, f.data.length);
            } catch (RuntimeException e) {
                // a malformed frame in the fixture walk: skip the frame, as a parser would flag it
            }
        });
        return w.out;
    }

    record Frame(int linkType, long ts, byte[] data) {}

    // ---- capture files -------------------------------------------------------------------------

    static void readCapture(Path p, Consumer<Frame> sink) throws IOException {
        byte[] all = Files.readAllBytes(p);
        ByteBuffer bb = ByteBuffer.wrap(all);
        if (all.length < 24) return;
        int magic = bb.order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (magic == 0x0a0d0d0a) {
            readPcapng(bb, sink);
            return;
        }
        boolean nano;
        if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) {
            bb.order(ByteOrder.BIG_ENDIAN);
        } else {
            bb.order(ByteOrder.LITTLE_ENDIAN);
        }
        nano = bb.getInt(0) == 0xa1b23c4d;
        int link = bb.getInt(20) & 0x0fffffff;
        int pos = 24;
        while (pos + 16 <= all.length) {
            long sec = bb.getInt(pos) & 0xffffffffL, frac = bb.getInt(pos + 4) & 0xffffffffL;
            int incl = bb.getInt(pos + 8);
            if (incl < 0 || pos + 16 + incl > all.length) return;
            byte[] d = new byte[incl];
            System.arraycopy(all, pos + 16, d, 0, incl);
            sink.accept(new Frame(link, sec * 1_000_000_000L + (nano ? frac : frac * 1000), d));
            pos += 16 + incl;
        }
    }

    private static void readPcapng(ByteBuffer bb, Consumer<Frame> sink) {
        List<Integer> links = new ArrayList<>();
        List<Long> resol = new ArrayList<>();
        int pos = 0;
        int n = bb.capacity();
        while (pos + 12 <= n) {
            ByteOrder was = bb.order();
            int type = bb.order(ByteOrder.BIG_ENDIAN).getInt(pos);
            bb.order(was);
            if (type == 0x0a0d0d0a) {
                int bom = bb.order(ByteOrder.BIG_ENDIAN).getInt(pos + 8);
                bb.order(bom == 0x1a2b3c4d ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                links.clear();
                resol.clear();
            } else {
                type = bb.getInt(pos);
            }
            int blen = bb.getInt(pos + 4);
            if (blen < 12 || pos + blen > n) return;
            if (type == 1) {
                links.add(bb.getShort(pos + 8) & 0xffff);
                long r = 1_000_000;
                int o = pos + 16;
                while (o + 4 <= pos + blen - 4) {
                    int code = bb.getShort(o) & 0xffff, ol = bb.getShort(o + 2) & 0xffff;
                    if (code == 0) break;
                    if (code == 9 && ol >= 1) {
                        int v = bb.get(o + 4) & 0xff;
                        r = (v & 0x80) != 0 ? (1L << (v & 0x7f)) : (long) Math.pow(10, v);
                    }
                    o += 4 + ((ol + 3) & ~3);
                }
                resol.add(r);
            } else if (type == 6 || type == 3) {
                int iface = type == 6 ? bb.getInt(pos + 8) : 0;
                int cap = type == 6 ? bb.getInt(pos + 20) : Math.min(bb.getInt(pos + 8), blen - 16);
                int dataOff = type == 6 ? pos + 28 : pos + 12;
                long t = type == 6 ? ((bb.getInt(pos + 12) & 0xffffffffL) << 32) | (bb.getInt(pos + 16) & 0xffffffffL) : 0;
                if (iface < links.size() && cap >= 0 && dataOff + cap <= n) {
                    long r = resol.get(iface);
                    long tsN = r == 1_000_000_000L ? t : (t / r) * 1_000_000_000L + (t % r) * 1_000_000_000L / r;
                    byte[] d = new byte[cap];
                    bb.get(dataOff, d);
                    sink.accept(new Frame(links.get(iface), tsN, d));
                }
            }
            pos += blen;
        }
    }

    // ---- layers --------------------------------------------------------------------------------

    private static int u16(byte[] b, int o) {
        return ((b[o] & 0xff) << 8) | (b[o + 1] & 0xff);
    }

    private void link(int linkType, byte[] b, int o, int len) {
        switch (linkType) {
            case 1 -> ethernet(b, o, len);
            case 101, 228, 229, 12, 14 -> ip(b, o, len);
            case 0 -> ip(b, o + 4, len - 4);
            case 10 -> llc(b, o + 13, len - 13);
            case 113 -> etherType(u16(b, o + 14), b, o + 16, len - 16);
            case 276 -> etherType(u16(b, o), b, o + 20, len - 20);
            default -> { }
        }
    }

    private void ethernet(byte[] b, int o, int len) {
        if (len < 14) return;
        int type = u16(b, o + 12);
        if (type <= 1500) {
            llc(b, o + 14, Math.min(type, len - 14));
        } else {
            etherType(type, b, o + 14, len - 14);
        }
    }

    private void llc(byte[] b, int o, int len) {
        if (len >= 8 && (b[o] & 0xff) == 0xaa && (b[o + 1] & 0xff) == 0xaa && (b[o + 2] & 0xff) == 0x03) {
            int oui = ((b[o + 3] & 0xff) << 16) | u16(b, o + 4);
            int pid = u16(b, o + 6);
            if (oui == 0) {
                etherType(pid, b, o + 8, len - 8);
            } else {
                out.add(new Hit(frame, ts, Carrier.SNAP, (oui << 16) | pid, 0, 0, b, o + 8, len - 8));
            }
        }
    }

    private void etherType(int type, byte[] b, int o, int len) {
        if (len < 0) return;
        if (type <= 1500) {
            llc(b, o, Math.min(type, len));
            return;
        }
        switch (type) {
            case 0x8100, 0x88a8 -> {
                if (len >= 4) etherType(u16(b, o + 2), b, o + 4, len - 4);
            }
            case 0x0800, 0x86dd -> ip(b, o, len);
            default -> out.add(new Hit(frame, ts, Carrier.ETHERTYPE, type, 0, 0, b, o, len));
        }
    }

    private void ip(byte[] b, int o, int len) {
        if (len < 1) return;
        int v = (b[o] & 0xff) >> 4;
        if (v == 4 && len >= 20) {
            int ihl = (b[o] & 0xf) * 4;
            int total = Math.min(u16(b, o + 2), len);
            int frag = u16(b, o + 6) & 0x1fff;
            if (frag != 0 || total < ihl) return;
            transport(b[o + 9] & 0xff, b, o + ihl, total - ihl);
        } else if (v == 6 && len >= 40) {
            int next = b[o + 6] & 0xff;
            int end = o + Math.min(40 + u16(b, o + 4), len);
            int p = o + 40;
            while (p + 8 <= end) {
                if (next == 0 || next == 43 || next == 60) {
                    int l = ((b[p + 1] & 0xff) + 1) * 8;
                    next = b[p] & 0xff;
                    p += l;
                } else if (next == 44) {
                    if ((u16(b, p + 2) & 0xfff8) != 0) return;
                    next = b[p] & 0xff;
                    p += 8;
                } else if (next == 51) {
                    int l = ((b[p + 1] & 0xff) + 2) * 4;
                    next = b[p] & 0xff;
                    p += l;
                } else {
                    break;
                }
            }
            if (p <= end) transport(next, b, p, end - p);
        }
    }

    private void transport(int proto, byte[] b, int o, int len) {
        switch (proto) {
            case 17 -> {
                if (len < 8) return;
                int sp = u16(b, o), dp = u16(b, o + 2);
                int l = Math.min(Math.max(u16(b, o + 4), 8), len);
                if (dp == 4789 || sp == 4789) {
                    if (l >= 16) ethernet(b, o + 16, l - 16);
                    return;
                }
                out.add(new Hit(frame, ts, Carrier.UDP, 0, sp, dp, b, o + 8, l - 8));
            }
            case 6 -> {
                if (len < 20) return;
                int off = ((b[o + 12] & 0xff) >> 4) * 4;
                // an empty segment carries no application bytes; the parser adds no layer for it
                if (off < 20 || off >= len) return;
                out.add(new Hit(frame, ts, Carrier.TCP, 0, u16(b, o), u16(b, o + 2), b, o + off, len - off));
            }
            case 47 -> gre(b, o, len);
            case 4, 41 -> ip(b, o, len);
            default -> out.add(new Hit(frame, ts, Carrier.IP_PROTOCOL, proto, 0, 0, b, o, len));
        }
    }

    private void gre(byte[] b, int o, int len) {
        if (len < 4) return;
        int flags = u16(b, o), proto = u16(b, o + 2);
        int p = 4;
        if ((flags & 0x8000) != 0 || (flags & 0x4000) != 0) p += 4;
        if ((flags & 0x2000) != 0) p += 4;
        if ((flags & 0x1000) != 0) p += 4;
        if (p > len) return;
        switch (proto) {
            case 0x88be -> {
                // ERSPAN type II has an 8-byte header when the sequence bit is set; type I has none
                if ((flags & 0x1000) != 0) {
                    if (p + 8 <= len) ethernet(b, o + p + 8, len - p - 8);
                } else {
                    ethernet(b, o + p, len - p);
                }
            }
            case 0x6558 -> ethernet(b, o + p, len - p);
            default -> etherType(proto, b, o + p, len - p);
        }
    }
}
