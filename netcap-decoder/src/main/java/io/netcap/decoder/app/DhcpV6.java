package io.netcap.decoder.app;

import com.google.protobuf.ByteString;
import io.netcap.packet.layer.Addresses;
import io.netcap.types.DHCPv6;
import io.netcap.types.DHCPv6Option;

/**
 * DHCPv6 message (RFC 8415 8 and 9) to a {@link DHCPv6} record. Client/server messages carry a
 * 3-byte transaction id; relay messages (RELAY-FORW 12, RELAY-REPL 13) carry hop count, link and
 * peer address instead. Address fields of a message without them are {@code <nil>}, the original's
 * rendering of an absent address. An option whose length runs past the end rejects the message.
 */
public final class DhcpV6 {
    static final int MSG_RELAY_FORW = 12, MSG_RELAY_REPL = 13;
    static final int RELAY_HEADER = 34, CLIENT_HEADER = 4;

    private DhcpV6() {}

    public static DHCPv6 decode(byte[] buf, int off, int len, long tsNanos) {
        try {
            return parse(new ByteReader(buf, off, len), tsNanos);
        } catch (Malformed m) {
            return AppErrors.reject("DHCPV6", m);
        }
    }

    static DHCPv6 parse(ByteReader w, long ts) throws Malformed {
        if (w.length() < CLIENT_HEADER) throw new Malformed("tooShort");
        byte[] a = w.array();
        int type = w.u8(0);
        DHCPv6.Builder b = DHCPv6.newBuilder().setTimestamp(ts).setMsgType(type);
        int p;
        if (type == MSG_RELAY_FORW || type == MSG_RELAY_REPL) {
            if (w.length() < RELAY_HEADER) throw new Malformed("relayTooShort");
            b.setHopCount(w.u8(1)).setLinkAddr(Addresses.ipv6(a, w.abs(2))).setPeerAddr(Addresses.ipv6(a, w.abs(18)));
            p = RELAY_HEADER;
        } else {
            b.setLinkAddr(Addresses.NIL).setPeerAddr(Addresses.NIL).setTransactionID(ByteString.copyFrom(a, w.abs(1), 3));
            p = CLIENT_HEADER;
        }
        StringBuilder fp = new StringBuilder();
        while (p < w.length()) {
            if (!w.has(p, 4)) throw new Malformed("optionTruncated");
            int code = w.u16(p), l = w.u16(p + 2);
            if (!w.has(p + 4, l)) throw new Malformed("optionLengthPastEnd");
            b.addOptions(DHCPv6Option.newBuilder().setCode(code).setLength(l)
                    .setDataBytes(ByteString.copyFrom(a, w.abs(p + 4), l)));
            if (!fp.isEmpty()) fp.append(',');
            fp.append(code);
            p += 4 + l;
        }
        return b.setFingerprint(fp.toString()).build();
    }
}
