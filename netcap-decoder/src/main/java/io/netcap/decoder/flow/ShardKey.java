package io.netcap.decoder.flow;

import io.netcap.packet.Packet;
import io.netcap.packet.layer.Bytes;
import io.netcap.packet.layer.EtherType;
import io.netcap.packet.layer.IpProtocol;
import io.netcap.packet.layer.LayerParser;
import io.netcap.packet.source.LinkType;

/**
 * The engine reader's shard key: a symmetric hash of a packet's first IP address pair and, when a TCP, UDP or
 * SCTP header follows that IP header directly, its ports; of the Ethernet address pair when no IP header is
 * found; 0 otherwise. Every input is part of the Connection key that the worker later derives from the full
 * parse (link, network and transport flows), so all packets of one connection — both directions — share a
 * key and a worker. A corpus test checks that on every packet.
 *
 * <p>Why not the parser: on two cores the reader is on the critical path, and the full parse there (handing
 * the layers to the worker) cost 7-8 % more CPU than this walk (BENCHMARKS.md, "One parse per packet"). The
 * walk reads only the few link and IP headers that carry addresses, with bounds checks; links and
 * encapsulations it does not follow (MPLS, FDDI, PPP, tunnels) fall back to the MAC pair or 0, which keeps
 * the guarantee because those are part of the Connection key too.
 */
public final class ShardKey {
    private static final int ETHERNET_HEADER = 14;
    private static final int VLAN_TAG = 4;
    private static final int NULL_HEADER = 4;
    private static final int SLL_HEADER = 16;
    private static final int SLL_PROTOCOL = 14;
    private static final int SLL2_HEADER = 20;
    /** BSD loopback address families of IPv6 (OpenBSD/NetBSD 24, FreeBSD 28, macOS 30) and Linux 10. */
    private static final int AF_INET = 2;
    private static final int IPV4_MIN_HEADER = 20;
    private static final int IPV6_HEADER = 40;
    private static final int TCP_MIN_HEADER = 20;
    private static final int UDP_HEADER = 8;
    private static final int SCTP_COMMON_HEADER = 12;

    private ShardKey() {}

    public static int of(Packet p) {
        byte[] b = p.buffer();
        int off = p.offset();
        int end = off + p.capturedLength();
        long h = switch (p.linkType()) {
            case LinkType.ETHERNET -> ethernet(b, off, end);
            case LinkType.RAW, LinkType.DLT_RAW, LinkType.DLT_RAW_OPENBSD -> ip(b, off, end);
            case LinkType.IPV4, LinkType.IPV6 -> ip(b, off, end);
            case LinkType.NULL, LinkType.LOOP -> end - off < NULL_HEADER ? 0 : loopback(b, off, end);
            case LinkType.LINUX_SLL -> end - off < SLL_HEADER ? 0 : etherType(Bytes.u16(b, off + SLL_PROTOCOL), b, off + SLL_HEADER, end);
            case LinkType.LINUX_SLL2 -> end - off < SLL2_HEADER ? 0 : etherType(Bytes.u16(b, off), b, off + SLL2_HEADER, end);
            default -> 0;
        };
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h & 0x7fffffff;
    }

    private static long ethernet(byte[] b, int off, int end) {
        if (end - off < ETHERNET_HEADER) {
            return 0;
        }
        int type = Bytes.u16(b, off + 12);
        int next = off + ETHERNET_HEADER;
        for (int tags = 0; isVlan(type) && tags < LayerParser.MAX_VLAN_DEPTH && end - next >= VLAN_TAG; tags++) {
            type = Bytes.u16(b, next + 2);
            next += VLAN_TAG;
        }
        long h = etherType(type, b, next, end);
        return h != 0 ? h : mix(b, off + 6, off, 6); // no IP found: the MAC pair (source, destination)
    }

    private static boolean isVlan(int type) {
        return type == EtherType.DOT1Q || type == EtherType.QINQ || type == EtherType.QINQ_OLD;
    }

    private static long etherType(int type, byte[] b, int off, int end) {
        return type == EtherType.IPV4 || type == EtherType.IPV6 ? ip(b, off, end) : 0;
    }

    private static long loopback(byte[] b, int off, int end) {
        // The address family in the byte order of the capturing host: whichever end byte is set.
        int family = Math.max(b[off] & 0xff, b[off + 3] & 0xff);
        return family == AF_INET || family == 10 || family == 24 || family == 28 || family == 30
                ? ip(b, off + NULL_HEADER, end) : 0;
    }

    private static long ip(byte[] b, int off, int end) {
        if (off >= end) {
            return 0;
        }
        int version = (b[off] & 0xff) >>> 4;
        return version == 4 ? ipv4(b, off, end) : version == 6 ? ipv6(b, off, end) : 0;
    }

    private static long ipv4(byte[] b, int off, int end) {
        int ihl = (b[off] & 0x0f) * 4;
        if (ihl < IPV4_MIN_HEADER || end - off < ihl) {
            return 0;
        }
        long h = mix(b, off + 12, off + 16, 4) | 1; // never 0: 0 means no IP header
        boolean fragment = (Bytes.u16(b, off + 6) & 0x3fff) != 0; // MF or an offset: no ports
        return fragment ? h : ports(h, b[off + 9] & 0xff, b, off + ihl, end);
    }

    private static long ipv6(byte[] b, int off, int end) {
        if (end - off < IPV6_HEADER) {
            return 0;
        }
        long h = mix(b, off + 8, off + 24, 16) | 1;
        int next = b[off + 6] & 0xff;
        int p = off + IPV6_HEADER;
        for (int i = 0; i < LayerParser.MAX_IPV6_EXTENSION_HEADERS; i++) {
            if (next == IpProtocol.IPV6_FRAG) {
                return h; // a fragment, even an atomic one: no ports
            }
            if (next != IpProtocol.HOPOPT && next != IpProtocol.IPV6_ROUTE && next != IpProtocol.IPV6_OPTS) {
                return ports(h, next, b, p, end);
            }
            if (end - p < 2) {
                return h;
            }
            next = b[p] & 0xff;
            p += ((b[p + 1] & 0xff) + 1) * 8;
        }
        return h;
    }

    /** Adds the port pair of a whole TCP, UDP or SCTP header at {@code off}. */
    private static long ports(long h, int protocol, byte[] b, int off, int end) {
        int need = switch (protocol) {
            case IpProtocol.TCP -> TCP_MIN_HEADER;
            case IpProtocol.UDP -> UDP_HEADER;
            case IpProtocol.SCTP -> SCTP_COMMON_HEADER;
            default -> -1;
        };
        if (need < 0 || end - off < need) {
            return h;
        }
        long src = Bytes.u16(b, off);
        long dst = Bytes.u16(b, off + 2);
        return h * 31 + (src ^ dst) + src * dst;
    }

    /** Symmetric in the two addresses {@code b[x .. x+len)} and {@code b[y .. y+len)}. */
    private static long mix(byte[] b, int x, int y, int len) {
        long u = 0;
        long v = 0;
        for (int i = 0; i < len; i++) {
            u = u * 1_000_003 + (b[x + i] & 0xff);
            v = v * 1_000_003 + (b[y + i] & 0xff);
        }
        return u + v + (u ^ v) * 0x9e3779b97f4a7c15L;
    }
}
