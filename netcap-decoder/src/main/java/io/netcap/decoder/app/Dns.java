package io.netcap.decoder.app;

import com.google.protobuf.ByteString;
import io.netcap.decoder.WireWriter;
import io.netcap.packet.layer.Addresses;
import io.netcap.types.DNS;
import io.netcap.types.DNSMX;
import io.netcap.types.DNSQuestion;
import io.netcap.types.DNSResourceRecord;
import io.netcap.types.DNSSOA;
import io.netcap.types.DNSSRV;

/**
 * DNS message (RFC 1035 4.1) to a {@link DNS} record. Sections are decoded in full or not at all,
 * as the original's parser does: a count larger than the data, a compression pointer past the end,
 * a pointer loop or an invalid label type rejects the message (counted under {@code DNS.*}).
 *
 * <p>Conventions of the original (decoders.md 5.4): names are the raw label bytes joined with
 * {@code .} without a trailing dot (the root is empty); {@code IP} is the address text for A/AAAA
 * and {@code <nil>} otherwise; SOA, SRV and MX sub-messages are always present, zeroed when not
 * applicable.
 *
 * <p>{@link #encode} writes the same record straight in wire format: the engine's path, where building
 * the nested question and resource-record messages and serialising them cost more than the parsing.
 */
public final class Dns {
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

    private Dns() {}

    /** A DNS message over UDP (the whole datagram payload). Null when malformed. */
    public static DNS decode(byte[] buf, int off, int len, long tsNanos) {
        try {
            return parse(new ByteReader(buf, off, len), tsNanos);
        } catch (Malformed m) {
            return AppErrors.reject("DNS", m);
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
            return AppErrors.reject("DNS", m);
        }
    }

    /** Field numbers of netcap.proto's DNS, DNSQuestion, DNSResourceRecord, DNSSOA, DNSSRV and DNSMX. */
    private static final int F_TIMESTAMP = 1, F_ID = 2, F_QR = 3, F_OPCODE = 4, F_AA = 5, F_TC = 6, F_RD = 7,
            F_RA = 8, F_Z = 9, F_RESPONSE_CODE = 10, F_QDCOUNT = 11, F_ANCOUNT = 12, F_NSCOUNT = 13, F_ARCOUNT = 14,
            F_QUESTIONS = 15, F_ANSWERS = 16, F_AUTHORITIES = 17, F_ADDITIONALS = 18;
    private static final int Q_NAME = 1, Q_TYPE = 2, Q_CLASS = 3;
    private static final int RR_NAME = 1, RR_TYPE = 2, RR_CLASS = 3, RR_TTL = 4, RR_DATA_LENGTH = 5, RR_DATA = 6,
            RR_IP = 7, RR_NS = 8, RR_CNAME = 9, RR_PTR = 10, RR_SOA = 11, RR_SRV = 12, RR_MX = 13, RR_TXTS = 14;
    private static final int SOA_MNAME = 1, SOA_RNAME = 2, SOA_SERIAL = 3, SOA_REFRESH = 4, SOA_RETRY = 5,
            SOA_EXPIRE = 6, SOA_MINIMUM = 7;
    private static final int SRV_PRIORITY = 1, SRV_WEIGHT = 2, SRV_PORT = 3, SRV_NAME = 4;
    private static final int MX_PREFERENCE = 1, MX_NAME = 2;
    private static final byte[] NIL = Addresses.NIL.getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * The DNS record of {@code buf[off .. off+len)} in wire format (without packet context), the bytes
     * {@link #decode} (or {@link #decodeTcp} when {@code tcp}) would serialise to: written into {@code w}
     * after a {@link WireWriter#reset}. False (counted under {@code DNS.*} like {@link #decode}) when
     * malformed; {@code w} then holds nothing.
     */
    public static boolean encode(byte[] buf, int off, int len, long tsNanos, boolean tcp, WireWriter w) {
        w.reset();
        try {
            ByteReader in = new ByteReader(buf, off, len);
            if (tcp) {
                int msgLen = in.u16(0);
                if (msgLen > len - 2) throw new Malformed("tcpLengthExceedsSegment");
                in = in.slice(2, msgLen);
            }
            write(in, tsNanos, w);
            return true;
        } catch (Malformed m) {
            AppErrors.reject("DNS", m);
        }
        w.reset();
        return false;
    }

    /** {@link #parse} written field by field in field-number order (sections are read in that order too). */
    private static void write(ByteReader w, long ts, WireWriter out) throws Malformed {
        if (w.length() < HEADER_LEN) throw new Malformed("tooShort");
        int flags = w.u16(2);
        out.int64(F_TIMESTAMP, ts);
        out.int32(F_ID, w.u16(0));
        out.bool(F_QR, (flags & 0x8000) != 0);
        out.int32(F_OPCODE, (flags >> 11) & 0xf);
        out.bool(F_AA, (flags & 0x0400) != 0);
        out.bool(F_TC, (flags & 0x0200) != 0);
        out.bool(F_RD, (flags & 0x0100) != 0);
        out.bool(F_RA, (flags & 0x0080) != 0);
        out.int32(F_Z, (flags >> 4) & 0x7);
        out.int32(F_RESPONSE_CODE, flags & 0xf);
        int qd = w.u16(4), an = w.u16(6), ns = w.u16(8), ar = w.u16(10);
        out.int32(F_QDCOUNT, qd);
        out.int32(F_ANCOUNT, an);
        out.int32(F_NSCOUNT, ns);
        out.int32(F_ARCOUNT, ar);
        Scratch s = SCRATCH.get();
        int pos = HEADER_LEN;
        for (int i = 0; i < qd; i++) {
            int mark = out.begin(F_QUESTIONS);
            readName(w, pos, s);
            out.bytes(Q_NAME, s.name, 0, s.nameLen);
            pos = s.next;
            w.need(pos, 4, "questionTruncated");
            out.int32(Q_TYPE, w.u16(pos));
            out.int32(Q_CLASS, w.u16(pos + 2));
            out.end(mark);
            pos += 4;
        }
        for (int i = 0; i < an; i++) {
            pos = writeRr(w, pos, s, out, F_ANSWERS);
        }
        for (int i = 0; i < ns; i++) {
            pos = writeRr(w, pos, s, out, F_AUTHORITIES);
        }
        for (int i = 0; i < ar; i++) {
            pos = writeRr(w, pos, s, out, F_ADDITIONALS);
        }
    }

    /** {@link #rr} as field {@code field} of {@code out}; returns the position after the record. */
    private static int writeRr(ByteReader w, int pos, Scratch s, WireWriter out, int field) throws Malformed {
        int mark = out.begin(field);
        readName(w, pos, s);
        out.bytes(RR_NAME, s.name, 0, s.nameLen);
        int p = s.next;
        w.need(p, 10, "recordTruncated");
        int type = w.u16(p), dataLen = w.u16(p + 8);
        int data = p + 10;
        w.need(data, dataLen, "rdataExceedsMessage");
        byte[] a = w.array();
        out.int32(RR_TYPE, type);
        out.int32(RR_CLASS, w.u16(p + 2));
        out.uint32(RR_TTL, w.i32(p + 4));
        out.int32(RR_DATA_LENGTH, dataLen);
        out.bytes(RR_DATA, a, w.abs(data), dataLen);
        if (type == TYPE_A || type == TYPE_AAAA) {
            writeIp(out, a, w.abs(data), dataLen, s);
        } else {
            out.bytes(RR_IP, NIL, 0, NIL.length);
        }
        int nameField = type == TYPE_NS ? RR_NS : type == TYPE_CNAME ? RR_CNAME : type == TYPE_PTR ? RR_PTR : 0;
        if (nameField != 0) {
            readName(w, data, s);
            out.bytes(nameField, s.name, 0, s.nameLen);
        }
        int sub = out.begin(RR_SOA);
        if (type == TYPE_SOA) {
            readName(w, data, s);
            out.bytes(SOA_MNAME, s.name, 0, s.nameLen);
            readName(w, s.next, s);
            out.bytes(SOA_RNAME, s.name, 0, s.nameLen);
            int q = s.next;
            if (q + 20 > data + dataLen) throw new Malformed("soaTruncated");
            out.uint32(SOA_SERIAL, w.i32(q));
            out.uint32(SOA_REFRESH, w.i32(q + 4));
            out.uint32(SOA_RETRY, w.i32(q + 8));
            out.uint32(SOA_EXPIRE, w.i32(q + 12));
            out.uint32(SOA_MINIMUM, w.i32(q + 16));
        }
        out.end(sub);
        sub = out.begin(RR_SRV);
        if (type == TYPE_SRV) {
            if (dataLen < 6) throw new Malformed("srvTruncated");
            out.int32(SRV_PRIORITY, w.u16(data));
            out.int32(SRV_WEIGHT, w.u16(data + 2));
            out.int32(SRV_PORT, w.u16(data + 4));
            readName(w, data + 6, s);
            out.bytes(SRV_NAME, s.name, 0, s.nameLen);
        }
        out.end(sub);
        sub = out.begin(RR_MX);
        if (type == TYPE_MX) {
            if (dataLen < 2) throw new Malformed("mxTruncated");
            out.int32(MX_PREFERENCE, w.u16(data));
            readName(w, data + 2, s);
            out.bytes(MX_NAME, s.name, 0, s.nameLen);
        }
        out.end(sub);
        if (type == TYPE_TXT) {
            int t = 0;
            while (t < dataLen) {
                int l = w.u8(data + t);
                if (t + 1 + l > dataLen) throw new Malformed("txtExceedsRecord");
                if (l > 0) {
                    out.bytes(RR_TXTS, a, w.abs(data + t + 1), l);
                } else {
                    out.end(out.begin(RR_TXTS)); // a repeated element is written even when empty
                }
                t += 1 + l;
            }
        }
        out.end(mark);
        return data + dataLen;
    }
    /** The answer address as the IP field, in the one text form of {@link Addresses}. */
    private static void writeIp(WireWriter out, byte[] b, int off, int len, Scratch s) {
        // 4 and 16 bytes fit the scratch buffer; other lengths (malformed A/AAAA data) print as <nil> or ?hex
        byte[] t = len == 4 || len == 16 ? s.ipText : new byte[Addresses.NIL.length() + 2 * len];
        out.bytes(RR_IP, t, 0, Addresses.ip(b, off, len, t, 0));
    }

    /**
     * Per-thread state of one message: the name being read and the position after it. C1 does no escape
     * analysis, so a StringBuilder, a String per label and per name, and a position box per name would
     * all really be allocated; names go straight from the message into this buffer and then into their
     * ByteString. The record builders are reused from one resource record to the next.
     */
    private static final class Scratch {
        byte[] name = new byte[MAX_NAME_CHARS + 256];
        int nameLen;
        /** Dotted IPv4 text of an A record. */
        final byte[] ipText = new byte[Addresses.MAX_IP_TEXT];
        /** Position just after the name last read by {@link #name}. */
        int next;
        final DNSResourceRecord.Builder rr = DNSResourceRecord.newBuilder();
        final DNSQuestion.Builder question = DNSQuestion.newBuilder();
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

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
        Scratch s = SCRATCH.get();
        DNSQuestion.Builder q = s.question;
        int pos = HEADER_LEN;
        for (int i = 0; i < qd; i++) {
            ByteString name = name(w, pos, s);
            pos = s.next;
            w.need(pos, 4, "questionTruncated");
            b.addQuestions(q.clear().setNameBytes(name).setType(w.u16(pos)).setClass_(w.u16(pos + 2)).build());
            pos += 4;
        }
        for (int i = 0; i < an; i++) {
            b.addAnswers(rr(w, pos, s));
            pos = s.next;
        }
        for (int i = 0; i < ns; i++) {
            b.addAuthorities(rr(w, pos, s));
            pos = s.next;
        }
        for (int i = 0; i < ar; i++) {
            b.addAdditionals(rr(w, pos, s));
            pos = s.next;
        }
        return b.build();
    }

    /** The resource record at {@code pos}; leaves the position after it in {@code s.next}. */
    private static DNSResourceRecord rr(ByteReader w, int pos, Scratch s) throws Malformed {
        ByteString name = name(w, pos, s);
        int p = s.next;
        w.need(p, 10, "recordTruncated");
        int type = w.u16(p), dataLen = w.u16(p + 8);
        int data = p + 10;
        w.need(data, dataLen, "rdataExceedsMessage");
        DNSResourceRecord.Builder r = s.rr.clear()
                .setNameBytes(name).setType(type).setClass_(w.u16(p + 2)).setTTL(w.i32(p + 4))
                .setDataLength(dataLen)
                .setData(ByteString.copyFrom(w.array(), w.abs(data), dataLen))
                .setIP(Addresses.NIL)
                .setSOA(EMPTY_SOA).setSRV(EMPTY_SRV).setMX(EMPTY_MX);
        switch (type) {
            case TYPE_A, TYPE_AAAA -> r.setIP(Addresses.ip(w.array(), w.abs(data), dataLen));
            case TYPE_NS -> r.setNS(name(w, data, s));
            case TYPE_CNAME -> r.setCNAME(name(w, data, s));
            case TYPE_PTR -> r.setPTR(name(w, data, s));
            case TYPE_SOA -> {
                ByteString mname = name(w, data, s);
                ByteString rname = name(w, s.next, s);
                int q = s.next;
                if (q + 20 > data + dataLen) throw new Malformed("soaTruncated");
                r.setSOA(DNSSOA.newBuilder().setMName(mname).setRName(rname)
                        .setSerial(w.i32(q)).setRefresh(w.i32(q + 4)).setRetry(w.i32(q + 8))
                        .setExpire(w.i32(q + 12)).setMinimum(w.i32(q + 16)));
            }
            case TYPE_SRV -> {
                if (dataLen < 6) throw new Malformed("srvTruncated");
                r.setSRV(DNSSRV.newBuilder().setPriority(w.u16(data)).setWeight(w.u16(data + 2))
                        .setPort(w.u16(data + 4)).setName(name(w, data + 6, s)));
            }
            case TYPE_MX -> {
                if (dataLen < 2) throw new Malformed("mxTruncated");
                r.setMX(DNSMX.newBuilder().setPreference(w.u16(data)).setNameBytes(name(w, data + 2, s)));
            }
            case TYPE_TXT -> {
                int t = 0;
                while (t < dataLen) {
                    int l = w.u8(data + t);
                    if (t + 1 + l > dataLen) throw new Malformed("txtExceedsRecord");
                    r.addTXTs(ByteString.copyFrom(w.array(), w.abs(data + t + 1), l));
                    t += 1 + l;
                }
            }
            default -> { }
        }
        s.next = data + dataLen;
        return r.build();
    }

    /**
     * Reads a (possibly compressed) name at {@code pos}: the raw label bytes joined with {@code .}. The
     * position just past the name's bytes in place is left in {@code s.next}.
     */
    private static ByteString name(ByteReader w, int pos, Scratch s) throws Malformed {
        readName(w, pos, s);
        return ByteString.copyFrom(s.name, 0, s.nameLen);
    }

    private static void readName(ByteReader w, int pos, Scratch s) throws Malformed {
        byte[] a = w.array();
        int n = 0;
        int p = pos;
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
                    // at most MAX_NAME_CHARS before this label, so a dot and 63 bytes always fit
                    if (n > 0) s.name[n++] = '.';
                    System.arraycopy(a, w.abs(p + 1), s.name, n, l);
                    n += l;
                    if (n > MAX_NAME_CHARS) throw new Malformed("nameTooLong");
                    p += 1 + l;
                }
                default -> throw new Malformed("invalidLabelType");
            }
        }
        s.nameLen = n;
        s.next = end >= 0 ? end : p;
    }
}
