package io.netcap.decoder.flow;

import io.netcap.packet.Packet;
import io.netcap.packet.layer.IpProtocol;

/**
 * The facts about one packet that flow-level decoders and the engine's flow sharding need: link
 * addresses, the first network layer, the first transport layer and TCP flags. Filled by {@link #parse}
 * with bounds-checked reads and no allocation; one instance per thread, overwritten by every packet.
 *
 * <p>Like the original (gopacket's {@code NetworkLayer()} / {@code TransportLayer()}), the <em>first</em>
 * network layer counts, so a tunnelled packet is described by its outer addresses. IP fragments carry
 * no transport layer here (their ports are unknown or absent), so all fragments of a datagram share one
 * key and one shard.
 */
public final class PacketFacts {
    // Link types (LINKTYPE_* values of the pcap link-type registry).
    static final int LINKTYPE_NULL = 0;
    static final int LINKTYPE_ETHERNET = 1;
    static final int LINKTYPE_RAW = 101;
    static final int LINKTYPE_LINUX_SLL = 113;
    static final int LINKTYPE_IPV4 = 228;
    static final int LINKTYPE_IPV6 = 229;
    static final int LINKTYPE_LINUX_SLL2 = 276;

    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86dd;
    static final int ETHERTYPE_VLAN = 0x8100;
    static final int ETHERTYPE_QINQ = 0x88a8;

    static final int ETH_HEADER = 14;
    static final int VLAN_TAG = 4;
    static final int SLL_HEADER = 16;
    static final int SLL_PROTOCOL = 14;
    static final int SLL2_HEADER = 20;
    static final int NULL_HEADER = 4;

    static final int IPV4_MIN_HEADER = 20;
    static final int IPV6_HEADER = 40;
    static final int IPV4_FLAG_MF = 0x2000;
    static final int IPV4_FRAG_OFFSET_MASK = 0x1fff;

    static final int IPPROTO_HOPOPTS = 0;
    static final int IPPROTO_ROUTING = 43;
    static final int IPPROTO_FRAGMENT = 44;
    static final int IPPROTO_DSTOPTS = 60;

    static final int TCP_MIN_HEADER = 20;
    static final int UDP_HEADER = 8;
    static final int SCTP_COMMON_HEADER = 12;

    public static final int TCP_FIN = 0x001;
    public static final int TCP_SYN = 0x002;
    public static final int TCP_RST = 0x004;
    public static final int TCP_PSH = 0x008;
    public static final int TCP_ACK = 0x010;
    public static final int TCP_URG = 0x020;
    public static final int TCP_ECE = 0x040;
    public static final int TCP_CWR = 0x080;
    public static final int TCP_NS = 0x100;

    public long timestampNanos;
    public int wireLength;
    public int capturedLength;

    /** Layer names as the original reports them ("" when absent). */
    public String linkProto;
    public String networkProto;
    public String transportProto;
    public String applicationProto;

    public boolean hasMac;
    public final byte[] srcMac = new byte[6];
    public final byte[] dstMac = new byte[6];
    /** The MACs as 48-bit numbers (valid when {@link #hasMac}): the flow tables key by them. */
    public long srcMac48;
    public long dstMac48;

    /** 0 without network layer, else 4 or 16. */
    public int ipLength;
    public final byte[] srcIp = new byte[16];
    public final byte[] dstIp = new byte[16];
    /**
     * The addresses as numbers (valid when {@link #hasNetwork()}): IPv4 as {@code (0, u32)}, IPv6 as its
     * two big-endian halves. The flow tables key by them, so no consumer reads the bytes again.
     */
    public long srcIpHi;
    public long srcIpLo;
    public long dstIpHi;
    public long dstIpLo;
    /** IP protocol / IPv6 next header of the first network layer (after extension headers); -1 without. */
    public int ipProtocol;
    public boolean fragment;

    /** Flow endpoint type of the transport layer (FlowHash.ENDPOINT_TCP/UDP/SCTP), 0 without. */
    public int transportEndpoint;
    public int srcPort;
    public int dstPort;
    /** TCP flags incl. NS (bit 8), -1 for non-TCP. */
    public int tcpFlags;
    public int tcpWindow;
    /** ICMP / ICMPv6 type and code, -1 when not ICMP. */
    public int icmpType;
    public int icmpCode;
    public int payloadLength;

    private byte[] b;

    /** Fills the facts of {@code p}; truncated headers simply end the description early. */
    public PacketFacts parse(Packet p) {
        reset(p);
        b = p.buffer();
        int off = p.offset();
        int end = off + p.capturedLength();
        switch (p.linkType()) {
            case LINKTYPE_ETHERNET -> ethernet(off, end);
            case LINKTYPE_RAW -> {
                if (off < end) {
                    int version = (b[off] & 0xff) >>> 4;
                    if (version == 4) {
                        ipv4(off, end);
                    } else if (version == 6) {
                        ipv6(off, end);
                    }
                }
            }
            case LINKTYPE_IPV4 -> ipv4(off, end);
            case LINKTYPE_IPV6 -> ipv6(off, end);
            case LINKTYPE_NULL -> {
                linkProto = "Loopback";
                if (end - off >= NULL_HEADER) {
                    // Address family in host byte order of the capturing machine: take whichever byte is set.
                    int family = Math.max(b[off] & 0xff, b[off + 3] & 0xff);
                    if (family == 2) {
                        ipv4(off + NULL_HEADER, end);
                    } else if (family == 24 || family == 28 || family == 30) {
                        ipv6(off + NULL_HEADER, end);
                    }
                }
            }
            case LINKTYPE_LINUX_SLL -> {
                linkProto = "Linux SLL";
                if (end - off >= SLL_HEADER) {
                    etherType(u16(off + SLL_PROTOCOL), off + SLL_HEADER, end);
                }
            }
            case LINKTYPE_LINUX_SLL2 -> {
                linkProto = "Linux SLL2";
                if (end - off >= SLL2_HEADER) {
                    etherType(u16(off), off + SLL2_HEADER, end);
                }
            }
            default -> { }
        }
        b = null;
        return this;
    }

    private void reset(Packet p) {
        timestampNanos = p.timestampNanos();
        wireLength = p.wireLength();
        capturedLength = p.capturedLength();
        linkProto = "";
        networkProto = "";
        transportProto = "";
        applicationProto = "";
        hasMac = false;
        ipLength = 0;
        ipProtocol = -1;
        fragment = false;
        transportEndpoint = 0;
        srcPort = 0;
        dstPort = 0;
        tcpFlags = -1;
        tcpWindow = 0;
        icmpType = -1;
        icmpCode = -1;
        payloadLength = 0;
    }

    private int u16(int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    private long u32(int i) {
        return ((b[i] & 0xffL) << 24) | ((b[i + 1] & 0xffL) << 16) | ((b[i + 2] & 0xffL) << 8) | (b[i + 3] & 0xffL);
    }

    private long u48(int i) {
        return u32(i) << 16 | (long) u16(i + 4);
    }

    private long u64(int i) {
        return u32(i) << 32 | u32(i + 4);
    }

    private void ethernet(int off, int end) {
        if (end - off < ETH_HEADER) {
            return;
        }
        linkProto = "Ethernet";
        hasMac = true;
        System.arraycopy(b, off, dstMac, 0, 6);
        System.arraycopy(b, off + 6, srcMac, 0, 6);
        dstMac48 = u48(off);
        srcMac48 = u48(off + 6);
        int type = u16(off + 12);
        int next = off + ETH_HEADER;
        for (int tags = 0; (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ) && tags < 2; tags++) {
            if (end - next < VLAN_TAG) {
                return;
            }
            type = u16(next + 2);
            next += VLAN_TAG;
        }
        etherType(type, next, end);
    }

    private void etherType(int type, int off, int end) {
        if (type == ETHERTYPE_IPV4) {
            ipv4(off, end);
        } else if (type == ETHERTYPE_IPV6) {
            ipv6(off, end);
        }
    }

    private void ipv4(int off, int end) {
        if (end - off < IPV4_MIN_HEADER || (b[off] & 0xff) >>> 4 != 4) {
            return;
        }
        int ihl = (b[off] & 0x0f) * 4;
        if (ihl < IPV4_MIN_HEADER || end - off < ihl) {
            return;
        }
        networkProto = "IPv4";
        ipLength = 4;
        System.arraycopy(b, off + 12, srcIp, 0, 4);
        System.arraycopy(b, off + 16, dstIp, 0, 4);
        srcIpHi = 0;
        srcIpLo = u32(off + 12);
        dstIpHi = 0;
        dstIpLo = u32(off + 16);
        ipProtocol = b[off + 9] & 0xff;
        int flagsFrag = u16(off + 6);
        fragment = (flagsFrag & IPV4_FLAG_MF) != 0 || (flagsFrag & IPV4_FRAG_OFFSET_MASK) != 0;
        // The total length bounds the payload (Ethernet padding is not payload).
        int total = u16(off + 2);
        int ipEnd = total >= ihl ? Math.min(end, off + total) : end;
        if (!fragment) {
            transport(ipProtocol, off + ihl, ipEnd);
        }
    }

    private void ipv6(int off, int end) {
        if (end - off < IPV6_HEADER || (b[off] & 0xff) >>> 4 != 6) {
            return;
        }
        networkProto = "IPv6";
        ipLength = 16;
        System.arraycopy(b, off + 8, srcIp, 0, 16);
        System.arraycopy(b, off + 24, dstIp, 0, 16);
        srcIpHi = u64(off + 8);
        srcIpLo = u64(off + 16);
        dstIpHi = u64(off + 24);
        dstIpLo = u64(off + 32);
        int payloadLen = u16(off + 4);
        int ipEnd = payloadLen > 0 ? Math.min(end, off + IPV6_HEADER + payloadLen) : end;
        int next = b[off + 6] & 0xff;
        int p = off + IPV6_HEADER;
        // Walk the extension headers that may precede the transport header (RFC 8200 4.1).
        for (int n = 0; n < 8; n++) {
            if (next == IPPROTO_HOPOPTS || next == IPPROTO_ROUTING || next == IPPROTO_DSTOPTS) {
                if (ipEnd - p < 8) {
                    ipProtocol = next;
                    return;
                }
                int len = ((b[p + 1] & 0xff) + 1) * 8;
                next = b[p] & 0xff;
                p += len;
            } else if (next == IPPROTO_FRAGMENT) {
                fragment = true;
                ipProtocol = ipEnd - p >= 8 ? b[p] & 0xff : next;
                return;
            } else {
                break;
            }
        }
        ipProtocol = next;
        if (p <= ipEnd) {
            transport(next, p, ipEnd);
        }
    }

    private void transport(int proto, int off, int end) {
        int avail = end - off;
        switch (proto) {
            case IpProtocol.TCP -> {
                if (avail < TCP_MIN_HEADER) {
                    return;
                }
                transportProto = "TCP";
                transportEndpoint = FlowHash.ENDPOINT_TCP;
                srcPort = u16(off);
                dstPort = u16(off + 2);
                tcpFlags = ((b[off + 12] & 0x01) << 8) | (b[off + 13] & 0xff);
                tcpWindow = u16(off + 14);
                int dataOffset = ((b[off + 12] & 0xff) >>> 4) * 4;
                payloadLength = Math.max(0, avail - Math.max(dataOffset, TCP_MIN_HEADER));
            }
            case IpProtocol.UDP -> {
                if (avail < UDP_HEADER) {
                    return;
                }
                transportProto = "UDP";
                transportEndpoint = FlowHash.ENDPOINT_UDP;
                srcPort = u16(off);
                dstPort = u16(off + 2);
                payloadLength = avail - UDP_HEADER;
            }
            case IpProtocol.SCTP -> {
                if (avail < SCTP_COMMON_HEADER) {
                    return;
                }
                transportProto = "SCTP";
                transportEndpoint = FlowHash.ENDPOINT_SCTP;
                srcPort = u16(off);
                dstPort = u16(off + 2);
            }
            case IpProtocol.ICMP, IpProtocol.IPV6_ICMP -> {
                if (avail >= 2) {
                    icmpType = b[off] & 0xff;
                    icmpCode = b[off + 1] & 0xff;
                }
            }
            default -> { }
        }
        if (payloadLength > 0) {
            applicationProto = applicationByPort();
        }
    }

    /** The application layer the original's parser would name for this payload (port dispatch, decoders.md 5.3). */
    private String applicationByPort() {
        if (transportEndpoint == FlowHash.ENDPOINT_UDP) {
            int lo = Math.min(srcPort, dstPort);
            if (srcPort == 53 || dstPort == 53 || srcPort == 5353 || dstPort == 5353) {
                return "DNS";
            }
            if (lo == 67 || lo == 68) {
                return "DHCPv4";
            }
            if (srcPort == 123 || dstPort == 123) {
                return "NTP";
            }
            if (srcPort == 5060 || dstPort == 5060) {
                return "SIP";
            }
        }
        return "Payload";
    }

    public boolean hasNetwork() {
        return ipLength != 0;
    }

    public boolean hasTransport() {
        return transportEndpoint != 0;
    }

    /** The original's connection key (decoders.md 13.1). */
    public String connectionKey() {
        return FlowHash.key(linkFlowHash(), networkFlowHash(), transportFlowHash());
    }

    public long linkFlowHash() {
        return hasMac ? FlowHash.flow(srcMac, 0, dstMac, 0, 6, FlowHash.ENDPOINT_MAC) : 0;
    }

    public long networkFlowHash() {
        return hasNetwork() ? FlowHash.flow(srcIp, 0, dstIp, 0, ipLength,
                ipLength == 4 ? FlowHash.ENDPOINT_IPV4 : FlowHash.ENDPOINT_IPV6) : 0;
    }

    public long transportFlowHash() {
        return hasTransport() ? FlowHash.ports(srcPort, dstPort, transportEndpoint) : 0;
    }

    /**
     * A symmetric hash for sharding: equal for both directions, and equal for all packets that share a
     * connection key (it uses a subset of the key's inputs: IP pair, plus ports when the key has them;
     * the MAC pair only for packets without network layer).
     */
    public int shardHash() {
        long h;
        if (hasNetwork()) {
            h = mix(srcIp, dstIp, ipLength);
            if (hasTransport()) {
                h = h * 31 + ((long) srcPort ^ dstPort) + (long) srcPort * dstPort;
            }
        } else if (hasMac) {
            h = mix(srcMac, dstMac, 6);
        } else {
            h = 0;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h & 0x7fffffff;
    }

    private static long mix(byte[] a, byte[] c, int len) {
        long x = 0;
        long y = 0;
        for (int i = 0; i < len; i++) {
            x = x * 1_000_003 + (a[i] & 0xff);
            y = y * 1_000_003 + (c[i] & 0xff);
        }
        return x + y + (x ^ y) * 0x9e3779b97f4a7c15L;
    }
}
