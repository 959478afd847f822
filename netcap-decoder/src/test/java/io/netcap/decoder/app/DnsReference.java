package io.netcap.decoder.app;

import com.google.protobuf.ByteString;
import io.netcap.packet.layer.Addresses;
import io.netcap.types.DNS;
import io.netcap.types.DNSMX;
import io.netcap.types.DNSQuestion;
import io.netcap.types.DNSResourceRecord;
import io.netcap.types.DNSSOA;
import io.netcap.types.DNSSRV;

/**
 * The former String-building DNS decoder, built with the generated builders: the oracle of {@link Dns} and
 * its wire writer. DNS message (RFC 1035 4.1) to a {@link DNS} record. Sections are decoded in full or not at all,
 * as the original's parser does: a count larger than the data, a compression pointer past the end,
 * a pointer loop or an invalid label type rejects the message (counted under {@code DNS.*}).
 *
 * <p>Conventions of the original (docs/original.md, "Value conventions"): names are the raw label bytes joined with
 * {@code .} without a trailing dot (the root is empty); {@code IP} is the address text for A/AAAA
 * and {@code <nil>} otherwise; SOA, SRV and MX sub-messages are always present, zeroed when not
 * applicable.
 */
public final class DnsReference {
    static final int HEADER_LEN = 12;
    /** Pointer hops allowed while reading one name (the original's recursion limit); more means a loop. */
    static final int MAX_POINTER_HOPS = 255;
    /** Upper bound on the text of one decoded name, far above RFC 1035's 255 octets; bounds hostile loops. */
    static final int MAX_NAME_CHARS = 1024;

    static final int TYPE_A = 1, TYPE_NS = 2, TYPE_CNAME = 5, TYPE_SOA = 6, TYPE_PTR = 12, TYPE_MX = 15,
            TYPE_TXT = 16, TYPE_AAAA = 28, TYPE_SRV = 33;

    private static final DNSSOA EMPTY_SOA = DNSSOA.getDefaultInstance();
    private static final DNSSRV EMPTY_SRV = DNSSRV.getDefaultInstance();
    private static final DNSMX EMPTY_MX = DNSMX.getDefaultInstance();

    static final ThreadLocal<String> LAST_REASON = new ThreadLocal<>();

    private DnsReference() {}

    /** A DNS message over UDP (the whole datagram payload). Null when malformed. */
    public static DNS decode(byte[] buf, int off, int len, long tsNanos) {
        try {
            return parse(new ByteReader(buf, off, len), tsNanos);
        } catch (Malformed m) {
            LAST_REASON.set(m.reason());
            return null;
        }
    }

    /**
     * DNS over TCP (RFC 1035 4.2.2): a two-byte length prefix, then the message. Only a message that
     * starts in this segment and is complete in it is decoded (no reassembly; bytes after it are ignored).
     */
    public static DNS decodeTcp(byte[] buf, int off, int len, long tsNanos) {
        try {
            ByteReader w = new ByteReader(buf, off, len);
            int msgLen = w.u16(0);
            if (msgLen > len - 2) throw new Malformed("tcpLengthExceedsSegment");
            return parse(w.slice(2, msgLen), tsNanos);
        } catch (Malformed m) {
            LAST_REASON.set(m.reason());
            return null;
        }
    }

    static DNS parse(ByteReader w, long ts) throws Malformed {
        if (w.length() < HEADER_LEN) throw new Malformed("tooShort");
        int flags = w.u16(2);
        DNS.Builder b = DNS.newBuilder()
                .setTimestamp(ts)
                .setID(w.u16(0))
                .setQR((flags & 0x8000) != 0)
                .setOpCode((flags >> 11) & 0xf)
                .setAA((flags & 0x0400) != 0)
                .setTC((flags & 0x0200) != 0)
                .setRD((flags & 0x0100) != 0)
                .setRA((flags & 0x0080) != 0)
                .setZ((flags >> 4) & 0x7)
                .setResponseCode(flags & 0xf);
        int qd = w.u16(4), an = w.u16(6), ns = w.u16(8), ar = w.u16(10);
        b.setQDCount(qd).setANCount(an).setNSCount(ns).setARCount(ar);
        int[] pos = {HEADER_LEN};
        for (int i = 0; i < qd; i++) {
            String name = name(w, pos);
            w.need(pos[0], 4, "questionTruncated");
            b.addQuestions(DNSQuestion.newBuilder().setNameBytes(latin1Bytes(name)).setType(w.u16(pos[0])).setClass_(w.u16(pos[0] + 2)));
            pos[0] += 4;
        }
        for (int i = 0; i < an; i++) b.addAnswers(rr(w, pos));
        for (int i = 0; i < ns; i++) b.addAuthorities(rr(w, pos));
        for (int i = 0; i < ar; i++) b.addAdditionals(rr(w, pos));
        return b.build();
    }

    private static DNSResourceRecord rr(ByteReader w, int[] pos) throws Malformed {
        String name = name(w, pos);
        int p = pos[0];
        w.need(p, 10, "recordTruncated");
        int type = w.u16(p), dataLen = w.u16(p + 8);
        int data = p + 10;
        w.need(data, dataLen, "rdataExceedsMessage");
        DNSResourceRecord.Builder r = DNSResourceRecord.newBuilder()
                .setNameBytes(latin1Bytes(name)).setType(type).setClass_(w.u16(p + 2)).setTTL(w.i32(p + 4))
                .setDataLength(dataLen)
                .setData(ByteString.copyFrom(w.array(), w.abs(data), dataLen))
                .setIP(Addresses.NIL)
                .setSOA(EMPTY_SOA).setSRV(EMPTY_SRV).setMX(EMPTY_MX);
        ByteReader rd = w.slice(data, dataLen);
        switch (type) {
            case TYPE_A, TYPE_AAAA -> r.setIP(Addresses.ip(w.array(), w.abs(data), dataLen));
            case TYPE_NS -> r.setNS(latin1Bytes(nameAt(w, data)));
            case TYPE_CNAME -> r.setCNAME(latin1Bytes(nameAt(w, data)));
            case TYPE_PTR -> r.setPTR(latin1Bytes(nameAt(w, data)));
            case TYPE_SOA -> {
                int[] q = {data};
                String mname = name(w, q);
                String rname = name(w, q);
                if (q[0] + 20 > data + dataLen) throw new Malformed("soaTruncated");
                r.setSOA(DNSSOA.newBuilder().setMName(latin1Bytes(mname)).setRName(latin1Bytes(rname))
                        .setSerial(w.i32(q[0])).setRefresh(w.i32(q[0] + 4)).setRetry(w.i32(q[0] + 8))
                        .setExpire(w.i32(q[0] + 12)).setMinimum(w.i32(q[0] + 16)));
            }
            case TYPE_SRV -> {
                if (dataLen < 6) throw new Malformed("srvTruncated");
                r.setSRV(DNSSRV.newBuilder().setPriority(rd.u16(0)).setWeight(rd.u16(2)).setPort(rd.u16(4))
                        .setName(latin1Bytes(nameAt(w, data + 6))));
            }
            case TYPE_MX -> {
                if (dataLen < 2) throw new Malformed("mxTruncated");
                r.setMX(DNSMX.newBuilder().setPreference(rd.u16(0))
                        .setNameBytes(latin1Bytes(nameAt(w, data + 2))));
            }
            case TYPE_TXT -> {
                int t = 0;
                while (t < dataLen) {
                    int l = rd.u8(t);
                    rd.need(t + 1, l, "txtExceedsRecord");
                    r.addTXTs(ByteString.copyFrom(w.array(), w.abs(data + t + 1), l));
                    t += 1 + l;
                }
            }
            default -> { }
        }
        pos[0] = data + dataLen;
        return r.build();
    }

    private static String nameAt(ByteReader w, int at) throws Malformed {
        return name(w, new int[] {at});
    }

    /**
     * Reads a (possibly compressed) name at {@code pos[0]} and advances it past the name's bytes in place.
     * Label bytes are kept as Latin-1 characters so the record can carry the raw bytes.
     */
    static String name(ByteReader w, int[] pos) throws Malformed {
        StringBuilder sb = new StringBuilder();
        int p = pos[0];
        int end = -1;
        int hops = 0;
        int run = p; // start of the current run of labels: at most 255 bytes each, as in the original
        while (true) {
            int l = w.has(p, 1) ? w.u8(p) : -1;
            if (l < 0) throw new Malformed("nameTruncated");
            if (l == 0) {
                p++;
                break;
            }
            switch (l & 0xc0) {
                case 0xc0 -> {
                    if (!w.has(p, 2)) throw new Malformed("nameTruncated");
                    int target = w.u16(p) & 0x3fff;
                    if (target >= w.length()) throw new Malformed("pointerPastEnd");
                    if (++hops > MAX_POINTER_HOPS) throw new Malformed("compressionLoop");
                    if (end < 0) end = p + 2;
                    p = target;
                    run = p;
                }
                case 0x00 -> {
                    if (p + 1 + l - run > 255) throw new Malformed("nameTooLong");
                    if (!w.has(p + 1, l)) throw new Malformed("labelPastEnd");
                    if (!sb.isEmpty()) sb.append('.');
                    sb.append(w.latin1(p + 1, l));
                    if (sb.length() > MAX_NAME_CHARS) throw new Malformed("nameTooLong");
                    p += 1 + l;
                }
                default -> throw new Malformed("invalidLabelType");
            }
        }
        pos[0] = end >= 0 ? end : p;
        return sb.toString();
    }

    static ByteString latin1Bytes(String s) {
        return ByteString.copyFrom(s, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

}
