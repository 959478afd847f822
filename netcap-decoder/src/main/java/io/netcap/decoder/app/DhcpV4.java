package io.netcap.decoder.app;

import com.google.protobuf.ByteString;
import io.netcap.packet.layer.Addresses;
import io.netcap.types.DHCPOption;
import io.netcap.types.DHCPv4;

/**
 * DHCPv4 message (RFC 2131 2, options RFC 2132) to a {@link DHCPv4} record. As in the original:
 * options are read up to the End option (255, not included), Pad options (0) are options of their own,
 * {@code Fingerprint} is the option codes in order joined with {@code ,}, option {@code Data} is the
 * raw option bytes. A missing magic cookie, a hardware length reaching past the data or an option
 * running past the end rejects the message.
 */
public final class DhcpV4 {
    static final int OP = 0, HTYPE = 1, HLEN = 2, HOPS = 3, XID = 4, SECS = 8, FLAGS = 10;
    static final int CIADDR = 12, YIADDR = 16, SIADDR = 20, GIADDR = 24, CHADDR = 28;
    static final int SNAME = 44, SNAME_LEN = 64, FILE = 108, FILE_LEN = 128, COOKIE = 236, OPTIONS = 240;
    static final long MAGIC_COOKIE = 0x63825363L;
    static final int OPT_PAD = 0, OPT_END = 255, OPT_MESSAGE_TYPE = 53;

    private DhcpV4() {}

    public static DHCPv4 decode(byte[] buf, int off, int len, long tsNanos) {
        try {
            return parse(new ByteReader(buf, off, len), tsNanos);
        } catch (Malformed m) {
            return AppErrors.reject("DHCPV4", m);
        }
    }

    static DHCPv4 parse(ByteReader w, long ts) throws Malformed {
        if (w.length() < OPTIONS) throw new Malformed("tooShort");
        int hlen = w.u8(HLEN);
        // as in the original, a length above chaddr's 16 bytes reads on into sname; only the data bounds it
        if (!w.has(CHADDR, hlen)) throw new Malformed("badHardwareLen");
        if (w.u32(COOKIE) != MAGIC_COOKIE) throw new Malformed("badMagicCookie");
        byte[] a = w.array();
        DHCPv4.Builder b = DHCPv4.newBuilder()
                .setTimestamp(ts)
                .setOperation(w.u8(OP)).setHardwareType(w.u8(HTYPE)).setHardwareLen(hlen).setHardwareOpts(w.u8(HOPS))
                .setXid(w.i32(XID)).setSecs(w.u16(SECS)).setFlags(w.u16(FLAGS))
                .setClientIP(Addresses.ipv4(a, w.abs(CIADDR))).setYourClientIP(Addresses.ipv4(a, w.abs(YIADDR)))
                .setNextServerIP(Addresses.ipv4(a, w.abs(SIADDR))).setRelayAgentIP(Addresses.ipv4(a, w.abs(GIADDR)))
                .setClientHWAddr(Addresses.mac(a, w.abs(CHADDR), hlen))
                .setServerName(ByteString.copyFrom(a, w.abs(SNAME), SNAME_LEN))
                .setFile(ByteString.copyFrom(a, w.abs(FILE), FILE_LEN));
        StringBuilder fp = new StringBuilder();
        int p = OPTIONS;
        while (p < w.length()) {
            int type = w.u8(p);
            if (type == OPT_END) break;
            DHCPOption.Builder o = DHCPOption.newBuilder().setType(type);
            if (type == OPT_PAD) {
                p++;
            } else {
                if (!w.has(p + 1, 1)) throw new Malformed("optionTruncated");
                int l = w.u8(p + 1);
                if (!w.has(p + 2, l)) throw new Malformed("optionLengthPastEnd");
                o.setLength(l).setDataBytes(ByteString.copyFrom(a, w.abs(p + 2), l));
                p += 2 + l;
            }
            b.addOptions(o);
            if (!fp.isEmpty()) fp.append(',');
            fp.append(type);
        }
        return b.setFingerprint(fp.toString()).build();
    }

    /** The DHCP message type (option 53), or 0 when absent. */
    public static int messageType(DHCPv4 d) {
        for (DHCPOption o : d.getOptionsList()) {
            if (o.getType() == OPT_MESSAGE_TYPE && o.getLength() >= 1) return o.getDataBytes().byteAt(0) & 0xff;
        }
        return 0;
    }
}
