package io.netcap.packet.layer;

import io.netcap.packet.Packet;
import io.netcap.packet.source.LinkType;

/**
 * Splits a packet into its {@link Layers}: one pass from the link layer inwards, checking each
 * header's length once, following EtherTypes, LLC/SNAP types, IP protocol numbers and well-known
 * ports, and continuing into tunnels (GRE incl. ERSPAN, VXLAN, Geneve, MPLS, IP-in-IP). Nothing is
 * allocated per packet unless the packet is malformed (the {@link ParseError}).
 *
 * <p>Malformed input never throws: the layers found so far are kept, the first defect is reported
 * through {@link Layers#error()}. Length fields that promise more bytes than a snap-length-limited
 * capture holds only set {@link Layers#truncated()}; the same in a frame captured whole is a
 * {@link ParseError.Kind#LENGTH_BEYOND_CAPTURE} error.
 *
 * <p>One parser per worker thread; not thread-safe.
 */
public final class LayerParser {
    /** IPsec NAT traversal (RFC 3948): ESP in UDP, told apart from IKE by its first four bytes. */
    static final int UDP_PORT_IPSEC_NAT_T = 4500;

    /** Sanity limits: real networks stack at most a few tags and extension headers. */
    public static final int MAX_VLAN_DEPTH = 8;
    public static final int MAX_IPV6_EXTENSION_HEADERS = 16;

    private final Layers layers = new Layers();
    private final LayerRoutes routes;
    private final boolean datagrams;
    private final Ipv4View ipv4 = new Ipv4View();
    private final Ipv6View ipv6 = new Ipv6View();
    private final TcpView tcp = new TcpView();
    private final UdpView udp = new UdpView();
    private final GreView gre = new GreView();
    private final Dot11View dot11 = new Dot11View();

    private byte[] b;
    /** True when the capture kept fewer bytes than were on the wire (snap length). */
    private boolean snapCut;
    private int vlanDepth;
    private int extensionHeaders;
    /** FCS bytes at the end of an 802.11 frame, announced by radiotap. */
    private int dot11Fcs;
    /** Start and end of the next layer to parse, set by each step. */
    private int next;
    private int limit;

    /**
     * @param routes    what follows each type field and port: {@link LayerRoutes#STRUCTURAL}, or the routes of
     *                  the protocol registry, which add the application layers
     * @param datagrams dispatch TCP payloads to application kinds by port, like UDP
     *                  (the original's {@code -opts datagrams})
     */
    public LayerParser(LayerRoutes routes, boolean datagrams) {
        this.routes = routes;
        this.datagrams = datagrams;
    }

    /** Parses the packet into the parser's reused {@link Layers} and returns them. */
    public Layers parse(Packet p) {
        layers.reset(p);
        b = p.buffer();
        snapCut = p.capturedLength() < p.wireLength();
        vlanDepth = 0;
        extensionHeaders = 0;
        dot11Fcs = 0;
        int off = p.offset();
        int end = off + p.capturedLength();
        LayerKind first = switch (p.linkType()) {
            case LinkType.ETHERNET -> LayerKind.ETHERNET;
            case LinkType.NULL, LinkType.LOOP -> LayerKind.LOOPBACK;
            case LinkType.RAW, LinkType.DLT_RAW, LinkType.DLT_RAW_OPENBSD -> rawIp(off, end);
            case LinkType.IPV4 -> LayerKind.IPV4;
            case LinkType.IPV6 -> LayerKind.IPV6;
            case LinkType.LINUX_SLL -> LayerKind.LINUX_SLL;
            case LinkType.LINUX_SLL2 -> LayerKind.LINUX_SLL2;
            case LinkType.IEEE802_11 -> LayerKind.DOT11;
            case LinkType.IEEE802_11_RADIOTAP -> LayerKind.RADIOTAP;
            case LinkType.FDDI -> LayerKind.FDDI;
            case LinkType.PPP, LinkType.PPP_HDLC -> LayerKind.PPP;
            case LinkType.USB_LINUX, LinkType.USB_LINUX_MMAPPED -> LayerKind.USB;
            default -> {
                layers.fail(ParseError.Kind.UNSUPPORTED_LINK_TYPE, null, off, "link type " + p.linkType());
                yield null;
            }
        };
        run(first, off, end);
        return layers;
    }

    /** The {@link Layers} of the last parse (the same instance {@link #parse} returns). */
    public Layers layers() {
        return layers;
    }

    /** LINKTYPE_RAW carries IPv4 or IPv6; the version nibble says which. */
    private LayerKind rawIp(int off, int end) {
        if (off < end && (b[off] & 0xF0) == 0x60) {
            return LayerKind.IPV6;
        }
        return LayerKind.IPV4;
    }

    private void run(LayerKind kind, int off, int end) {
        while (kind != null) {
            next = off;
            limit = end;
            kind = step(kind, off, end);
            off = next;
            end = limit;
            if (off > end) {
                return;
            }
        }
    }

    /** Parses one layer at {@code off} and returns the kind of the next one (null to stop), setting {@link #next}/{@link #limit}. */
    private LayerKind step(LayerKind kind, int off, int end) {
        return switch (kind) {
            case ETHERNET -> ethernet(off, end);
            case DOT1Q -> dot1q(off, end);
            case ARP -> arp(off, end);
            case LLC -> llc(off, end);
            case SNAP -> snap(off, end);
            case ETHERNET_CTP -> ethernetCtp(off, end);
            case LOOPBACK -> loopback(off, end);
            case LINUX_SLL -> linuxSll(off, end);
            case LINUX_SLL2 -> linuxSll2(off, end);
            case PPP -> ppp(off, end);
            case RADIOTAP -> radiotap(off, end);
            case DOT11 -> dot11(off, end);
            case FDDI -> fddi(off, end);
            case USB -> usb(off, end);
            case IPV4 -> ipv4(off, end);
            case IPV6 -> ipv6(off, end);
            case IPV6_HOP_BY_HOP, IPV6_ROUTING, IPV6_DESTINATION -> ipv6Extension(kind, off, end);
            case IPV6_FRAGMENT -> ipv6Fragment(off, end);
            case IPSEC_AH -> ipsecAh(off, end);
            case IPSEC_ESP -> fixed(LayerKind.IPSEC_ESP, off, end, IpsecEspView.HEADER_LENGTH, LayerKind.PAYLOAD);
            case ICMPV4 -> fixed(LayerKind.ICMPV4, off, end, Icmpv4View.HEADER_LENGTH, LayerKind.PAYLOAD);
            case ICMPV6 -> icmpv6(off, end);
            case TCP -> tcp(off, end);
            case UDP -> udp(off, end);
            case SCTP -> fixed(LayerKind.SCTP, off, end, SctpView.HEADER_LENGTH, LayerKind.PAYLOAD);
            case GRE -> gre(off, end);
            case ERSPAN -> erspan(off, end);
            case MPLS -> mpls(off, end);
            case VXLAN -> fixed(LayerKind.VXLAN, off, end, VxlanView.HEADER_LENGTH, LayerKind.ETHERNET);
            case GENEVE -> geneve(off, end);
            default -> application(kind, off, end);
        };
    }

    // ---------------------------------------------------------------- helpers

    private LayerKind truncatedHeader(LayerKind kind, int off, int need, int end) {
        layers.markTruncated();
        layers.fail(ParseError.Kind.TRUNCATED_HEADER, kind, off,
                "needs " + need + " bytes, " + Math.max(0, end - off) + " captured");
        return null;
    }

    /** A length field reaches past the captured bytes: snap-length truncation, or a lying length field. */
    private void beyondCapture(LayerKind kind, int off, int claimed, int end) {
        layers.markTruncated();
        if (!snapCut) {
            layers.fail(ParseError.Kind.LENGTH_BEYOND_CAPTURE, kind, off,
                    "length " + claimed + " but " + (end - off) + " bytes captured");
        }
    }

    private LayerKind stop(ParseError.Kind error, LayerKind kind, int off, String detail) {
        layers.fail(error, kind, off, detail);
        return null;
    }

    /** A header of fixed length whose payload runs to the end of the region. */
    private LayerKind fixed(LayerKind kind, int off, int end, int headerLength, LayerKind following) {
        if (end - off < headerLength) {
            return truncatedHeader(kind, off, headerLength, end);
        }
        if (!layers.add(kind, off, end - off, off + headerLength, end - off - headerLength)) {
            return null;
        }
        next = off + headerLength;
        return following;
    }

    /** An application kind: recognised, spans the rest of the region, not parsed further. */
    private LayerKind application(LayerKind kind, int off, int end) {
        if (end > off) {
            layers.add(kind, off, end - off, kind == LayerKind.PAYLOAD || kind == LayerKind.UNKNOWN ? off : end,
                    kind == LayerKind.PAYLOAD || kind == LayerKind.UNKNOWN ? end - off : 0);
        }
        return null;
    }

    // ---------------------------------------------------------------- link layers

    private LayerKind ethernet(int off, int end) {
        if (end - off < EthernetView.HEADER_LENGTH) {
            return truncatedHeader(LayerKind.ETHERNET, off, EthernetView.HEADER_LENGTH, end);
        }
        vlanDepth = 0;
        int type = Bytes.u16(b, off + EthernetView.TYPE);
        int payload = off + EthernetView.HEADER_LENGTH;
        if (type <= EthernetView.MAX_8023_LENGTH) {
            // IEEE 802.3: a length field; the payload ends there (the rest is padding).
            int pend = payload + type;
            if (pend > end) {
                beyondCapture(LayerKind.ETHERNET, off, type, end);
                pend = end;
            }
            layers.add(LayerKind.ETHERNET, off, pend - off, payload, pend - payload);
            next = payload;
            limit = pend;
            return LayerKind.LLC;
        }
        if (!layers.add(LayerKind.ETHERNET, off, end - off, payload, end - payload)) {
            return null;
        }
        next = payload;
        return type < EthernetView.MIN_ETHERTYPE ? LayerKind.UNKNOWN : routes.etherType(type);
    }

    private LayerKind dot1q(int off, int end) {
        if (end - off < Dot1QView.HEADER_LENGTH) {
            return truncatedHeader(LayerKind.DOT1Q, off, Dot1QView.HEADER_LENGTH, end);
        }
        if (++vlanDepth > MAX_VLAN_DEPTH) {
            return stop(ParseError.Kind.VLAN_DEPTH, LayerKind.DOT1Q, off, "more than " + MAX_VLAN_DEPTH + " VLAN tags");
        }
        if (!layers.add(LayerKind.DOT1Q, off, end - off, off + Dot1QView.HEADER_LENGTH, end - off - Dot1QView.HEADER_LENGTH)) {
            return null;
        }
        int type = Bytes.u16(b, off + Dot1QView.TYPE);
        next = off + Dot1QView.HEADER_LENGTH;
        if (type <= EthernetView.MAX_8023_LENGTH) {
            limit = Math.min(end, next + type);
            return LayerKind.LLC;
        }
        return routes.etherType(type);
    }

    private LayerKind arp(int off, int end) {
        if (end - off < ArpView.FIXED_LENGTH) {
            return truncatedHeader(LayerKind.ARP, off, ArpView.FIXED_LENGTH, end);
        }
        int n = ArpView.FIXED_LENGTH + 2 * (Bytes.u8(b, off + ArpView.HLEN) + Bytes.u8(b, off + ArpView.PLEN));
        if (end - off < n) {
            return truncatedHeader(LayerKind.ARP, off, n, end);
        }
        layers.add(LayerKind.ARP, off, n, off + n, 0);
        return null;
    }

    private LayerKind llc(int off, int end) {
        if (end - off < LlcView.MIN_LENGTH) {
            return truncatedHeader(LayerKind.LLC, off, LlcView.MIN_LENGTH, end);
        }
        int hl = LlcView.headerLength(b, off);
        if (end - off < hl) {
            return truncatedHeader(LayerKind.LLC, off, hl, end);
        }
        if (!layers.add(LayerKind.LLC, off, end - off, off + hl, end - off - hl)) {
            return null;
        }
        next = off + hl;
        int dsap = b[off] & 0xFE;
        int ssap = b[off + 1] & 0xFE;
        LayerKind following = routes.llcSap(dsap, ssap);
        return following != null ? following : LayerKind.PAYLOAD;
    }

    private LayerKind snap(int off, int end) {
        if (end - off < SnapView.HEADER_LENGTH) {
            return truncatedHeader(LayerKind.SNAP, off, SnapView.HEADER_LENGTH, end);
        }
        if (!layers.add(LayerKind.SNAP, off, end - off, off + SnapView.HEADER_LENGTH, end - off - SnapView.HEADER_LENGTH)) {
            return null;
        }
        next = off + SnapView.HEADER_LENGTH;
        return routes.etherType(Bytes.u16(b, off + SnapView.TYPE));
    }

    private LayerKind ethernetCtp(int off, int end) {
        if (end - off < EthernetCtpView.HEADER_LENGTH) {
            return truncatedHeader(LayerKind.ETHERNET_CTP, off, EthernetCtpView.HEADER_LENGTH, end);
        }
        // The skip count says where the function to execute starts (relative to the end of the field).
        int function = off + EthernetCtpView.HEADER_LENGTH + Bytes.u16le(b, off + EthernetCtpView.SKIP_COUNT);
        int header = Math.min(function, end);
        if (!layers.add(LayerKind.ETHERNET_CTP, off, end - off, header, end - header)) {
            return null;
        }
        if (end - function < EthernetCtpView.REPLY_HEADER_LENGTH) {
            next = header;
            return LayerKind.PAYLOAD;
        }
        if (Bytes.u16le(b, function) == EthernetCtpView.FUNCTION_REPLY) {
            layers.add(LayerKind.ETHERNET_CTP_REPLY, function, end - function,
                    function + EthernetCtpView.REPLY_HEADER_LENGTH, end - function - EthernetCtpView.REPLY_HEADER_LENGTH);
            return null;
        }
        next = function;
        return LayerKind.PAYLOAD;
    }

    private LayerKind loopback(int off, int end) {
        if (end - off < 4) {
            return truncatedHeader(LayerKind.LOOPBACK, off, 4, end);
        }
        if (!layers.add(LayerKind.LOOPBACK, off, end - off, off + 4, end - off - 4)) {
            return null;
        }
        next = off + 4;
        // The address family is in the byte order of the capturing host (LINKTYPE_LOOP: network order).
        int family = Bytes.u32le(b, off);
        if (family > 0xFFFF) {
            family = Bytes.u32(b, off);
        }
        return switch (family) {
            case 2 -> LayerKind.IPV4;
            case 10, 24, 28, 30 -> LayerKind.IPV6; // Linux, BSDs, FreeBSD/Darwin values of AF_INET6
            default -> LayerKind.UNKNOWN;
        };
    }

    private LayerKind linuxSll(int off, int end) {
        if (end - off < LinuxSllView.SLL_HEADER_LENGTH) {
            return truncatedHeader(LayerKind.LINUX_SLL, off, LinuxSllView.SLL_HEADER_LENGTH, end);
        }
        return cooked(LayerKind.LINUX_SLL, off, end, LinuxSllView.SLL_HEADER_LENGTH, Bytes.u16(b, off + LinuxSllView.SLL_PROTOCOL));
    }

    private LayerKind linuxSll2(int off, int end) {
        if (end - off < LinuxSllView.SLL2_HEADER_LENGTH) {
            return truncatedHeader(LayerKind.LINUX_SLL2, off, LinuxSllView.SLL2_HEADER_LENGTH, end);
        }
        return cooked(LayerKind.LINUX_SLL2, off, end, LinuxSllView.SLL2_HEADER_LENGTH, Bytes.u16(b, off + LinuxSllView.SLL2_PROTOCOL));
    }

    private LayerKind cooked(LayerKind kind, int off, int end, int headerLength, int protocol) {
        if (!layers.add(kind, off, end - off, off + headerLength, end - off - headerLength)) {
            return null;
        }
        next = off + headerLength;
        if (protocol == LinuxSllView.PROTO_8022) {
            return LayerKind.LLC;
        }
        return protocol < EthernetView.MIN_ETHERTYPE ? LayerKind.PAYLOAD : routes.etherType(protocol);
    }

    private LayerKind ppp(int off, int end) {
        int p = off;
        // HDLC-like framing (RFC 1662) may keep address 0xFF and control 0x03.
        if (end - p >= 2 && (b[p] & 0xFF) == 0xFF && b[p + 1] == 0x03) {
            p += 2;
        }
        if (end - p < 1) {
            return truncatedHeader(LayerKind.PPP, off, p - off + 1, end);
        }
        int protocol;
        if ((b[p] & 0x01) != 0) { // protocol field compression: one odd byte
            protocol = b[p] & 0xFF;
            p += 1;
        } else {
            if (end - p < 2) {
                return truncatedHeader(LayerKind.PPP, off, p - off + 2, end);
            }
            protocol = Bytes.u16(b, p);
            p += 2;
        }
        if (!layers.add(LayerKind.PPP, off, end - off, p, end - p)) {
            return null;
        }
        next = p;
        return switch (protocol) {
            case 0x0021 -> LayerKind.IPV4;
            case 0x0057 -> LayerKind.IPV6;
            case 0x0281 -> LayerKind.MPLS;
            default -> LayerKind.UNKNOWN;
        };
    }

    private LayerKind radiotap(int off, int end) {
        final int fixed = 8;
        if (end - off < fixed) {
            return truncatedHeader(LayerKind.RADIOTAP, off, fixed, end);
        }
        int hl = Bytes.u16le(b, off + 2);
        if (hl < fixed || hl > end - off) {
            return truncatedHeader(LayerKind.RADIOTAP, off, Math.max(hl, fixed), end);
        }
        // Walk the presence words to the Flags field (bit 1), which says whether the frame ends in an FCS.
        int present = Bytes.u32le(b, off + 4);
        int pos = off + 4;
        while ((Bytes.u32le(b, pos) & 0x80000000) != 0 && pos + 8 <= off + hl) {
            pos += 4;
        }
        int field = pos + 4;
        boolean fcs = false;
        if ((present & 0x01) != 0) { // TSFT, 8 bytes aligned to 8
            field = off + ((field - off + 7) & ~7) + 8;
        }
        if ((present & 0x02) != 0 && field < off + hl) {
            fcs = (b[field] & 0x10) != 0;
        }
        if (!layers.add(LayerKind.RADIOTAP, off, end - off, off + hl, end - off - hl)) {
            return null;
        }
        next = off + hl;
        dot11Fcs = fcs && end - next >= 4 + Dot11View.MIN_LENGTH ? 4 : 0;
        return LayerKind.DOT11;
    }

    private LayerKind dot11(int off, int end) {
        if (end - off < Dot11View.MIN_LENGTH) {
            return truncatedHeader(LayerKind.DOT11, off, Dot11View.MIN_LENGTH, end);
        }
        dot11.wrap(b, off, end - off);
        int hl = dot11.headerLength();
        int fcs = dot11Fcs;
        if (end - off - fcs < hl) {
            return truncatedHeader(LayerKind.DOT11, off, hl + fcs, end);
        }
        int pend = end - fcs;
        if (!layers.add(LayerKind.DOT11, off, end - off, off + hl, pend - off - hl)) {
            return null;
        }
        next = off + hl;
        limit = pend;
        boolean data = dot11.mainType() == Dot11View.TYPE_DATA && !dot11.hasNoData()
                && (dot11.flags() & Dot11View.FLAG_PROTECTED) == 0;
        return data ? LayerKind.LLC : LayerKind.PAYLOAD;
    }

    private LayerKind fddi(int off, int end) {
        if (end - off < FddiView.HEADER_LENGTH) {
            return truncatedHeader(LayerKind.FDDI, off, FddiView.HEADER_LENGTH, end);
        }
        if (!layers.add(LayerKind.FDDI, off, end - off, off + FddiView.HEADER_LENGTH, end - off - FddiView.HEADER_LENGTH)) {
            return null;
        }
        next = off + FddiView.HEADER_LENGTH;
        return (b[off] & FddiView.FC_LLC_MASK) == FddiView.FC_LLC ? LayerKind.LLC : LayerKind.PAYLOAD;
    }

    private LayerKind usb(int off, int end) {
        int hl = layers.packet().linkType() == LinkType.USB_LINUX_MMAPPED
                ? UsbView.MMAPPED_HEADER_LENGTH : UsbView.HEADER_LENGTH;
        if (end - off < hl) {
            return truncatedHeader(LayerKind.USB, off, hl, end);
        }
        if (!layers.add(LayerKind.USB, off, end - off, off + hl, end - off - hl)) {
            return null;
        }
        if (b[off + UsbView.SETUP_FLAG] == 0) {
            int s = off + UsbView.SETUP;
            layers.add(LayerKind.USB_REQUEST_BLOCK_SETUP, s, UsbRequestBlockSetupView.HEADER_LENGTH,
                    s + UsbRequestBlockSetupView.HEADER_LENGTH, 0);
        }
        next = off + hl;
        return LayerKind.PAYLOAD;
    }

    // ---------------------------------------------------------------- network layers

    private LayerKind ipv4(int off, int end) {
        if (end - off < Ipv4View.MIN_HEADER_LENGTH) {
            return truncatedHeader(LayerKind.IPV4, off, Ipv4View.MIN_HEADER_LENGTH, end);
        }
        ipv4.wrap(b, off, end - off);
        if (ipv4.version() != 4) {
            return stop(ParseError.Kind.BAD_VERSION, LayerKind.IPV4, off, "IPv4 header with version " + ipv4.version());
        }
        int hl = ipv4.headerLength();
        int total = ipv4.totalLength();
        if (total == 0) {
            // TCP segmentation offload leaves the length 0; the capture holds the whole packet.
            total = end - off;
        }
        if (ipv4.ihl() < 5) {
            return stop(ParseError.Kind.BAD_IHL, LayerKind.IPV4, off, "IHL " + ipv4.ihl() + " < 5");
        }
        if (total < Ipv4View.MIN_HEADER_LENGTH) {
            return stop(ParseError.Kind.BAD_LENGTH, LayerKind.IPV4, off, "total length " + total + " < 20");
        }
        if (hl > total) {
            return stop(ParseError.Kind.BAD_IHL, LayerKind.IPV4, off, "header length " + hl + " > total length " + total);
        }
        if (hl > end - off) {
            return truncatedHeader(LayerKind.IPV4, off, hl, end);
        }
        int pend = off + total;
        if (pend > end) {
            beyondCapture(LayerKind.IPV4, off, total, end);
            pend = end;
        }
        optionCheck.check(LayerKind.IPV4, off + Ipv4View.OPTIONS, off + hl);
        if (!layers.add(LayerKind.IPV4, off, pend - off, off + hl, pend - off - hl)) {
            return null;
        }
        extensionHeaders = 0;
        next = off + hl;
        limit = pend;
        // Fragments carry no parseable transport header except the first, which the original also leaves as data.
        return ipv4.isFragment() ? LayerKind.PAYLOAD : routes.ipProtocol(ipv4.protocol());
    }

    /** Reports the first malformed IPv4 or TCP option of the current layer; reused, so parsing allocates nothing. */
    private final class OptionCheck implements HeaderOptions.Visitor {
        private LayerKind layer;

        void check(LayerKind layer, int start, int end) {
            this.layer = layer;
            HeaderOptions.walk(b, start, end, this);
        }

        @Override
        public void option(int kind, int length, int dataOffset, int dataLength) {}

        @Override
        public void malformed(int offset, int kind, int length, int bytesLeft) {
            String name = layer == LayerKind.TCP ? "TCP" : "IPv4";
            layers.fail(ParseError.Kind.BAD_OPTION_LENGTH, layer, offset, length < 0
                    ? name + " option " + kind + " without length"
                    : name + " option " + kind + " length " + length + ", " + bytesLeft + " bytes left");
        }
    }

    private final OptionCheck optionCheck = new OptionCheck();

    private LayerKind ipv6(int off, int end) {
        if (end - off < Ipv6View.HEADER_LENGTH) {
            return truncatedHeader(LayerKind.IPV6, off, Ipv6View.HEADER_LENGTH, end);
        }
        ipv6.wrap(b, off, end - off);
        if (ipv6.version() != 6) {
            return stop(ParseError.Kind.BAD_VERSION, LayerKind.IPV6, off, "IPv6 header with version " + ipv6.version());
        }
        int payload = off + Ipv6View.HEADER_LENGTH;
        int length = ipv6.payloadLength();
        int pend;
        if (length == 0) {
            // A jumbogram (RFC 2675) announces its length in a hop-by-hop option; take what was captured.
            if (ipv6.nextHeader() != IpProtocol.HOPOPT) {
                layers.fail(ParseError.Kind.BAD_LENGTH, LayerKind.IPV6, off, "payload length 0 without hop-by-hop header");
            }
            pend = end;
        } else {
            pend = payload + length;
            if (pend > end) {
                beyondCapture(LayerKind.IPV6, off, length, end);
                pend = end;
            }
        }
        if (!layers.add(LayerKind.IPV6, off, pend - off, payload, pend - payload)) {
            return null;
        }
        extensionHeaders = 0;
        next = payload;
        limit = pend;
        return routes.ipProtocol(ipv6.nextHeader());
    }

    private boolean countExtension(LayerKind kind, int off) {
        if (++extensionHeaders > MAX_IPV6_EXTENSION_HEADERS) {
            layers.fail(ParseError.Kind.EXTENSION_HEADER_LIMIT, kind, off,
                    "more than " + MAX_IPV6_EXTENSION_HEADERS + " extension headers");
            return false;
        }
        return true;
    }

    private LayerKind ipv6Extension(LayerKind kind, int off, int end) {
        if (!countExtension(kind, off)) {
            return null;
        }
        if (end - off < Ipv6ExtensionView.MIN_LENGTH) {
            return truncatedHeader(kind, off, Ipv6ExtensionView.MIN_LENGTH, end);
        }
        int hl = (Bytes.u8(b, off + Ipv6ExtensionView.HDR_EXT_LEN) + 1) * 8;
        if (end - off < hl) {
            return truncatedHeader(kind, off, hl, end);
        }
        if (kind != LayerKind.IPV6_ROUTING) {
            checkTlvOptions(kind, off + Ipv6ExtensionView.OPTIONS, off + hl);
        }
        if (!layers.add(kind, off, end - off, off + hl, end - off - hl)) {
            return null;
        }
        next = off + hl;
        return routes.ipProtocol(Bytes.u8(b, off + Ipv6ExtensionView.NEXT_HEADER));
    }

    private void checkTlvOptions(LayerKind kind, int p, int end) {
        while (p < end) {
            if (b[p] == Ipv6ExtensionView.OPTION_PAD1) {
                p++;
                continue;
            }
            if (end - p < 2 || 2 + (b[p + 1] & 0xFF) > end - p) {
                layers.fail(ParseError.Kind.BAD_OPTION_LENGTH, kind, p, "option runs past the extension header");
                return;
            }
            p += 2 + (b[p + 1] & 0xFF);
        }
    }

    private LayerKind ipv6Fragment(int off, int end) {
        if (!countExtension(LayerKind.IPV6_FRAGMENT, off)) {
            return null;
        }
        if (end - off < Ipv6FragmentView.HEADER_LENGTH) {
            return truncatedHeader(LayerKind.IPV6_FRAGMENT, off, Ipv6FragmentView.HEADER_LENGTH, end);
        }
        if (!layers.add(LayerKind.IPV6_FRAGMENT, off, end - off, off + Ipv6FragmentView.HEADER_LENGTH,
                end - off - Ipv6FragmentView.HEADER_LENGTH)) {
            return null;
        }
        next = off + Ipv6FragmentView.HEADER_LENGTH;
        int offsetFlags = Bytes.u16(b, off + Ipv6FragmentView.OFFSET_FLAGS);
        boolean atomic = (offsetFlags & 0xFFF9) == 0; // offset 0 and no more fragments (RFC 6946)
        return atomic ? routes.ipProtocol(Bytes.u8(b, off)) : LayerKind.PAYLOAD;
    }

    private LayerKind ipsecAh(int off, int end) {
        if (!countExtension(LayerKind.IPSEC_AH, off)) {
            return null;
        }
        if (end - off < IpsecAhView.MIN_HEADER_LENGTH) {
            return truncatedHeader(LayerKind.IPSEC_AH, off, IpsecAhView.MIN_HEADER_LENGTH, end);
        }
        int hl = (Bytes.u8(b, off + IpsecAhView.PAYLOAD_LEN) + 2) * 4;
        if (hl < IpsecAhView.MIN_HEADER_LENGTH) {
            return stop(ParseError.Kind.BAD_LENGTH, LayerKind.IPSEC_AH, off, "AH length " + hl + " < 12");
        }
        if (end - off < hl) {
            return truncatedHeader(LayerKind.IPSEC_AH, off, hl, end);
        }
        if (!layers.add(LayerKind.IPSEC_AH, off, end - off, off + hl, end - off - hl)) {
            return null;
        }
        next = off + hl;
        return routes.ipProtocol(Bytes.u8(b, off + IpsecAhView.NEXT_HEADER));
    }

    private LayerKind icmpv6(int off, int end) {
        if (end - off < Icmpv6View.HEADER_LENGTH) {
            return truncatedHeader(LayerKind.ICMPV6, off, Icmpv6View.HEADER_LENGTH, end);
        }
        int body = off + Icmpv6View.HEADER_LENGTH;
        if (!layers.add(LayerKind.ICMPV6, off, end - off, body, end - body)) {
            return null;
        }
        int type = b[off] & 0xFF;
        LayerKind sub;
        int fixed;
        switch (type) {
            case Icmpv6View.TYPE_ECHO_REQUEST, Icmpv6View.TYPE_ECHO_REPLY -> {
                sub = LayerKind.ICMPV6_ECHO;
                fixed = Icmpv6View.ECHO_LENGTH;
            }
            case Icmpv6View.TYPE_ROUTER_SOLICITATION -> {
                sub = LayerKind.ICMPV6_ROUTER_SOLICITATION;
                fixed = Icmpv6View.RS_OPTIONS;
            }
            case Icmpv6View.TYPE_ROUTER_ADVERTISEMENT -> {
                sub = LayerKind.ICMPV6_ROUTER_ADVERTISEMENT;
                fixed = Icmpv6View.RA_OPTIONS;
            }
            case Icmpv6View.TYPE_NEIGHBOR_SOLICITATION -> {
                sub = LayerKind.ICMPV6_NEIGHBOR_SOLICITATION;
                fixed = Icmpv6View.NS_OPTIONS;
            }
            case Icmpv6View.TYPE_NEIGHBOR_ADVERTISEMENT -> {
                sub = LayerKind.ICMPV6_NEIGHBOR_ADVERTISEMENT;
                fixed = Icmpv6View.NA_OPTIONS;
            }
            default -> {
                next = body;
                return LayerKind.PAYLOAD;
            }
        }
        if (end - body < fixed) {
            return truncatedHeader(sub, body, fixed, end);
        }
        if (sub == LayerKind.ICMPV6_ECHO) {
            layers.add(sub, body, end - body, body + fixed, end - body - fixed);
            return null;
        }
        checkNdOptions(sub, body + fixed, end);
        layers.add(sub, body, end - body, end, 0);
        return null;
    }

    /** Neighbour discovery options: type, length in 8-byte units (0 is invalid, RFC 4861 4.6). */
    private void checkNdOptions(LayerKind kind, int p, int end) {
        while (p < end) {
            if (end - p < 2) {
                layers.fail(ParseError.Kind.BAD_OPTION_LENGTH, kind, p, "option without length");
                return;
            }
            int len = (b[p + 1] & 0xFF) * Icmpv6View.OPTION_UNIT;
            if (len == 0 || len > end - p) {
                layers.fail(ParseError.Kind.BAD_OPTION_LENGTH, kind, p,
                        "option length " + len + ", " + (end - p) + " bytes left");
                return;
            }
            p += len;
        }
    }

    // ---------------------------------------------------------------- transport layers

    private LayerKind tcp(int off, int end) {
        if (end - off < TcpView.MIN_HEADER_LENGTH) {
            return truncatedHeader(LayerKind.TCP, off, TcpView.MIN_HEADER_LENGTH, end);
        }
        tcp.wrap(b, off, end - off);
        int dataOffset = tcp.dataOffset();
        int hl = dataOffset * 4;
        if (dataOffset < 5) {
            layers.add(LayerKind.TCP, off, end - off, off + TcpView.MIN_HEADER_LENGTH, end - off - TcpView.MIN_HEADER_LENGTH);
            return stop(ParseError.Kind.BAD_DATA_OFFSET, LayerKind.TCP, off, "data offset " + dataOffset + " < 5");
        }
        if (hl > end - off) {
            // The fixed header is still readable; the options and payload are not.
            layers.add(LayerKind.TCP, off, end - off, end, 0);
            if (snapCut) {
                return truncatedHeader(LayerKind.TCP, off, hl, end);
            }
            return stop(ParseError.Kind.BAD_DATA_OFFSET, LayerKind.TCP, off,
                    "data offset " + dataOffset + " (" + hl + " bytes) past the segment of " + (end - off) + " bytes");
        }
        optionCheck.check(LayerKind.TCP, off + TcpView.OPTIONS, off + hl);
        if (!layers.add(LayerKind.TCP, off, end - off, off + hl, end - off - hl)) {
            return null;
        }
        next = off + hl;
        if (datagrams && next < end) {
            LayerKind app = routes.tcpPort(tcp.dstPort(), tcp.srcPort());
            if (app != null) {
                return app;
            }
        }
        return LayerKind.PAYLOAD;
    }

    private LayerKind udp(int off, int end) {
        if (end - off < UdpView.HEADER_LENGTH) {
            return truncatedHeader(LayerKind.UDP, off, UdpView.HEADER_LENGTH, end);
        }
        udp.wrap(b, off, end - off);
        int length = udp.lengthField();
        int pend;
        if (length == 0) {
            pend = end; // jumbogram (RFC 2675): the IPv6 length rules
        } else if (length < UdpView.HEADER_LENGTH) {
            layers.add(LayerKind.UDP, off, UdpView.HEADER_LENGTH, off + UdpView.HEADER_LENGTH, 0);
            return stop(ParseError.Kind.BAD_LENGTH, LayerKind.UDP, off, "UDP length " + length + " < 8");
        } else {
            pend = off + length;
            if (pend > end) {
                beyondCapture(LayerKind.UDP, off, length, end);
                pend = end;
            }
        }
        int payload = off + UdpView.HEADER_LENGTH;
        if (!layers.add(LayerKind.UDP, off, pend - off, payload, pend - payload)) {
            return null;
        }
        next = payload;
        limit = pend;
        LayerKind app = routes.udpPort(udp.dstPort(), udp.srcPort());
        if (app == null && (udp.dstPort() == UDP_PORT_IPSEC_NAT_T || udp.srcPort() == UDP_PORT_IPSEC_NAT_T)) {
            // RFC 3948: ESP in UDP, unless the first four bytes are the zero non-ESP marker (IKE) or a keepalive.
            boolean esp = pend - payload >= IpsecEspView.HEADER_LENGTH && Bytes.u32(b, payload) != 0;
            return esp ? LayerKind.IPSEC_ESP : LayerKind.PAYLOAD;
        }
        return app != null ? app : LayerKind.PAYLOAD;
    }

    // ---------------------------------------------------------------- tunnels

    private LayerKind gre(int off, int end) {
        if (end - off < GreView.MIN_HEADER_LENGTH) {
            return truncatedHeader(LayerKind.GRE, off, GreView.MIN_HEADER_LENGTH, end);
        }
        gre.wrap(b, off, end - off);
        int p = gre.routingOffset();
        if (p > end) {
            return truncatedHeader(LayerKind.GRE, off, p - off, end);
        }
        if (gre.routingPresent()) {
            // Source route entries until the NULL entry (address family 0, length 0), RFC 1701.
            while (true) {
                if (end - p < GreView.SRE_HEADER_LENGTH) {
                    return truncatedHeader(LayerKind.GRE, off, p - off + GreView.SRE_HEADER_LENGTH, end);
                }
                int family = Bytes.u16(b, p);
                int sreLength = b[p + 3] & 0xFF;
                p += GreView.SRE_HEADER_LENGTH + sreLength;
                if (family == 0 && sreLength == 0) {
                    break;
                }
                if (p > end) {
                    return truncatedHeader(LayerKind.GRE, off, p - off, end);
                }
            }
        }
        if (gre.ackPresent()) {
            p += 4;
        }
        if (p > end) {
            return truncatedHeader(LayerKind.GRE, off, p - off, end);
        }
        if (!layers.add(LayerKind.GRE, off, end - off, p, end - p)) {
            return null;
        }
        next = p;
        int protocol = gre.protocol();
        if (protocol == EtherType.ERSPAN_II) {
            // ERSPAN type II carries a sequence number in GRE; type I has neither it nor an ERSPAN header.
            return gre.seqPresent() ? LayerKind.ERSPAN : LayerKind.ETHERNET;
        }
        return routes.etherType(protocol);
    }

    private LayerKind erspan(int off, int end) {
        final int typeII = 8;
        final int typeIII = 12;
        final int typeIIIPlatform = 8;
        if (end - off < typeII) {
            return truncatedHeader(LayerKind.ERSPAN, off, typeII, end);
        }
        int version = (b[off] & 0xF0) >>> 4;
        int hl = typeII;
        if (version == 2) { // type III, with an optional platform-specific subheader (O bit)
            hl = typeIII;
            if (end - off >= typeIII && (b[off + 11] & 0x01) != 0) {
                hl += typeIIIPlatform;
            }
        }
        return fixed(LayerKind.ERSPAN, off, end, hl, LayerKind.ETHERNET);
    }

    private LayerKind mpls(int off, int end) {
        if (end - off < MplsView.HEADER_LENGTH) {
            return truncatedHeader(LayerKind.MPLS, off, MplsView.HEADER_LENGTH, end);
        }
        int payload = off + MplsView.HEADER_LENGTH;
        if (!layers.add(LayerKind.MPLS, off, end - off, payload, end - payload)) {
            return null;
        }
        next = payload;
        if ((b[off + 2] & 0x01) == 0) {
            return LayerKind.MPLS;
        }
        // Bottom of stack: MPLS does not say what it carries; guess from the IP version nibble.
        if (payload >= end) {
            return null;
        }
        return switch ((b[payload] & 0xF0) >>> 4) {
            case 4 -> LayerKind.IPV4;
            case 6 -> LayerKind.IPV6;
            default -> LayerKind.PAYLOAD;
        };
    }

    private LayerKind geneve(int off, int end) {
        if (end - off < GeneveView.MIN_HEADER_LENGTH) {
            return truncatedHeader(LayerKind.GENEVE, off, GeneveView.MIN_HEADER_LENGTH, end);
        }
        int hl = GeneveView.MIN_HEADER_LENGTH + (b[off] & 0x3F) * 4;
        if (end - off < hl) {
            return truncatedHeader(LayerKind.GENEVE, off, hl, end);
        }
        for (int p = off + GeneveView.OPTIONS; p < off + hl; ) {
            int optionEnd = p + GeneveView.OPTION_HEADER_LENGTH
                    + (p + 3 < off + hl ? (b[p + 3] & 0x1F) * 4 : 0);
            if (optionEnd > off + hl) {
                layers.fail(ParseError.Kind.BAD_OPTION_LENGTH, LayerKind.GENEVE, p, "Geneve option runs past the header");
                break;
            }
            p = optionEnd;
        }
        if (!layers.add(LayerKind.GENEVE, off, end - off, off + hl, end - off - hl)) {
            return null;
        }
        next = off + hl;
        int protocol = Bytes.u16(b, off + GeneveView.PROTOCOL);
        return routes.etherType(protocol);
    }
}
