package io.netcap.decoder.app;

import io.netcap.decoder.WireSink;
import io.netcap.decoder.WireWriter;
import io.netcap.packet.layer.Addresses;
import io.netcap.types.DNS;
import io.netcap.types.DNSMX;
import io.netcap.types.DNSQuestion;
import io.netcap.types.DNSResourceRecord;
import io.netcap.types.DNSSOA;
import io.netcap.types.DNSSRV;
import io.netcap.types.RecordType;

/**
 * DNS message (RFC 1035 4.1) to a {@link DNS} record. Sections are decoded in full or not at all,
 * as the original's parser does: a count larger than the data, a compression pointer past the end,
 * a pointer loop or an invalid label type rejects the message (counted under {@code DNS.*}).
 *
 * <p>Conventions of the original (docs/original.md, "Value conventions"): names are the raw label bytes joined with
 * {@code .} without a trailing dot (the root is empty); {@code IP} is the address text for A/AAAA
 * and {@code <nil>} otherwise; SOA, SRV and MX sub-messages are always present, zeroed when not
 * applicable.
 *
 * <p>The record is written straight in wire format ({@link #encode}), its only writer: building the nested
 * question and resource-record messages and serialising them cost more than the parsing.
 * {@link #decode} parses those bytes back for callers that take messages.
 */
public final class Dns {
    static final int HEADER_LEN = 12;
    /** Pointer hops allowed while reading one name (the original's recursion limit); more means a loop. */
    static final int MAX_POINTER_HOPS = 255;
    /** Upper bound on the text of one decoded name, far above RFC 1035's 255 octets; bounds hostile loops. */
    static final int MAX_NAME_CHARS = 1024;

    static final int TYPE_A = 1, TYPE_NS = 2, TYPE_CNAME = 5, TYPE_SOA = 6, TYPE_PTR = 12, TYPE_MX = 15,
            TYPE_TXT = 16, TYPE_AAAA = 28, TYPE_SRV = 33;
    private static final byte[] NIL = Addresses.NIL.getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Dns() {}

    /** A DNS message over UDP (the whole datagram payload) as a message: {@link #encode}'s bytes parsed back. Null when malformed. */
    public static DNS decode(byte[] buf, int off, int len, long tsNanos) {
        return message(buf, off, len, tsNanos, false);
    }

    /**
     * DNS over TCP (RFC 1035 4.2.2): a two-byte length prefix, then the message. Only a message that
     * starts in this segment and is complete in it is decoded (no reassembly; bytes after it are ignored).
     */
    public static DNS decodeTcp(byte[] buf, int off, int len, long tsNanos) {
        return message(buf, off, len, tsNanos, true);
    }

    private static DNS message(byte[] buf, int off, int len, long tsNanos, boolean tcp) {
        WireWriter w = new WireWriter();
        return encode(buf, off, len, tsNanos, tcp, w) ? (DNS) WireSink.parse(RecordType.DNS, w.buffer(), w.length()) : null;
    }

    /**
     * The DNS record of {@code buf[off .. off+len)} in wire format (without packet context), over TCP when
     * {@code tcp} (see {@link #decodeTcp}): written into {@code w} after a {@link WireWriter#reset}. False
     * (counted under {@code DNS.*}) when malformed; {@code w} then holds nothing.
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

    /** The record field by field in field-number order (sections are read in that order too). */
    private static void write(ByteReader w, long ts, WireWriter out) throws Malformed {
        if (w.length() < HEADER_LEN) throw new Malformed("tooShort");
        int flags = w.u16(2);
        out.int64(DNS.TIMESTAMP_FIELD_NUMBER, ts);
        out.int32(DNS.ID_FIELD_NUMBER, w.u16(0));
        out.bool(DNS.QR_FIELD_NUMBER, (flags & 0x8000) != 0);
        out.int32(DNS.OPCODE_FIELD_NUMBER, (flags >> 11) & 0xf);
        out.bool(DNS.AA_FIELD_NUMBER, (flags & 0x0400) != 0);
        out.bool(DNS.TC_FIELD_NUMBER, (flags & 0x0200) != 0);
        out.bool(DNS.RD_FIELD_NUMBER, (flags & 0x0100) != 0);
        out.bool(DNS.RA_FIELD_NUMBER, (flags & 0x0080) != 0);
        out.int32(DNS.Z_FIELD_NUMBER, (flags >> 4) & 0x7);
        out.int32(DNS.RESPONSECODE_FIELD_NUMBER, flags & 0xf);
        int qd = w.u16(4), an = w.u16(6), ns = w.u16(8), ar = w.u16(10);
        out.int32(DNS.QDCOUNT_FIELD_NUMBER, qd);
        out.int32(DNS.ANCOUNT_FIELD_NUMBER, an);
        out.int32(DNS.NSCOUNT_FIELD_NUMBER, ns);
        out.int32(DNS.ARCOUNT_FIELD_NUMBER, ar);
        Scratch s = SCRATCH.get();
        int pos = HEADER_LEN;
        for (int i = 0; i < qd; i++) {
            int mark = out.begin(DNS.QUESTIONS_FIELD_NUMBER);
            readName(w, pos, s);
            out.bytes(DNSQuestion.NAME_FIELD_NUMBER, s.name, 0, s.nameLen);
            pos = s.next;
            w.need(pos, 4, "questionTruncated");
            out.int32(DNSQuestion.TYPE_FIELD_NUMBER, w.u16(pos));
            out.int32(DNSQuestion.CLASS_FIELD_NUMBER, w.u16(pos + 2));
            out.end(mark);
            pos += 4;
        }
        for (int i = 0; i < an; i++) {
            pos = writeRr(w, pos, s, out, DNS.ANSWERS_FIELD_NUMBER);
        }
        for (int i = 0; i < ns; i++) {
            pos = writeRr(w, pos, s, out, DNS.AUTHORITIES_FIELD_NUMBER);
        }
        for (int i = 0; i < ar; i++) {
            pos = writeRr(w, pos, s, out, DNS.ADDITIONALS_FIELD_NUMBER);
        }
    }

    /** The resource record at {@code pos} as field {@code field} of {@code out}; returns the position after the record. */
    private static int writeRr(ByteReader w, int pos, Scratch s, WireWriter out, int field) throws Malformed {
        int mark = out.begin(field);
        readName(w, pos, s);
        out.bytes(DNSResourceRecord.NAME_FIELD_NUMBER, s.name, 0, s.nameLen);
        int p = s.next;
        w.need(p, 10, "recordTruncated");
        int type = w.u16(p), dataLen = w.u16(p + 8);
        int data = p + 10;
        w.need(data, dataLen, "rdataExceedsMessage");
        byte[] a = w.array();
        out.int32(DNSResourceRecord.TYPE_FIELD_NUMBER, type);
        out.int32(DNSResourceRecord.CLASS_FIELD_NUMBER, w.u16(p + 2));
        out.uint32(DNSResourceRecord.TTL_FIELD_NUMBER, w.i32(p + 4));
        out.int32(DNSResourceRecord.DATALENGTH_FIELD_NUMBER, dataLen);
        out.bytes(DNSResourceRecord.DATA_FIELD_NUMBER, a, w.abs(data), dataLen);
        if (type == TYPE_A || type == TYPE_AAAA) {
            writeIp(out, a, w.abs(data), dataLen, s);
        } else {
            out.bytes(DNSResourceRecord.IP_FIELD_NUMBER, NIL, 0, NIL.length);
        }
        int nameField = type == TYPE_NS ? DNSResourceRecord.NS_FIELD_NUMBER : type == TYPE_CNAME ? DNSResourceRecord.CNAME_FIELD_NUMBER : type == TYPE_PTR ? DNSResourceRecord.PTR_FIELD_NUMBER : 0;
        if (nameField != 0) {
            readName(w, data, s);
            out.bytes(nameField, s.name, 0, s.nameLen);
        }
        int sub = out.begin(DNSResourceRecord.SOA_FIELD_NUMBER);
        if (type == TYPE_SOA) {
            readName(w, data, s);
            out.bytes(DNSSOA.MNAME_FIELD_NUMBER, s.name, 0, s.nameLen);
            readName(w, s.next, s);
            out.bytes(DNSSOA.RNAME_FIELD_NUMBER, s.name, 0, s.nameLen);
            int q = s.next;
            if (q + 20 > data + dataLen) throw new Malformed("soaTruncated");
            out.uint32(DNSSOA.SERIAL_FIELD_NUMBER, w.i32(q));
            out.uint32(DNSSOA.REFRESH_FIELD_NUMBER, w.i32(q + 4));
            out.uint32(DNSSOA.RETRY_FIELD_NUMBER, w.i32(q + 8));
            out.uint32(DNSSOA.EXPIRE_FIELD_NUMBER, w.i32(q + 12));
            out.uint32(DNSSOA.MINIMUM_FIELD_NUMBER, w.i32(q + 16));
        }
        out.end(sub);
        sub = out.begin(DNSResourceRecord.SRV_FIELD_NUMBER);
        if (type == TYPE_SRV) {
            if (dataLen < 6) throw new Malformed("srvTruncated");
            out.int32(DNSSRV.PRIORITY_FIELD_NUMBER, w.u16(data));
            out.int32(DNSSRV.WEIGHT_FIELD_NUMBER, w.u16(data + 2));
            out.int32(DNSSRV.PORT_FIELD_NUMBER, w.u16(data + 4));
            readName(w, data + 6, s);
            out.bytes(DNSSRV.NAME_FIELD_NUMBER, s.name, 0, s.nameLen);
        }
        out.end(sub);
        sub = out.begin(DNSResourceRecord.MX_FIELD_NUMBER);
        if (type == TYPE_MX) {
            if (dataLen < 2) throw new Malformed("mxTruncated");
            out.int32(DNSMX.PREFERENCE_FIELD_NUMBER, w.u16(data));
            readName(w, data + 2, s);
            out.bytes(DNSMX.NAME_FIELD_NUMBER, s.name, 0, s.nameLen);
        }
        out.end(sub);
        if (type == TYPE_TXT) {
            int t = 0;
            while (t < dataLen) {
                int l = w.u8(data + t);
                if (t + 1 + l > dataLen) throw new Malformed("txtExceedsRecord");
                if (l > 0) {
                    out.bytes(DNSResourceRecord.TXTS_FIELD_NUMBER, a, w.abs(data + t + 1), l);
                } else {
                    out.end(out.begin(DNSResourceRecord.TXTS_FIELD_NUMBER)); // a repeated element is written even when empty
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
        out.bytes(DNSResourceRecord.IP_FIELD_NUMBER, t, 0, Addresses.ip(b, off, len, t, 0));
    }

    /**
     * Per-thread state of one message: the name being read and the position after it. C1 does no escape
     * analysis, so a StringBuilder, a String per label and per name, and a position box per name would
     * all really be allocated; names go straight from the message into this buffer and then into the
     * record's wire bytes.
     */
    private static final class Scratch {
        byte[] name = new byte[MAX_NAME_CHARS + 256];
        int nameLen;
        /** Dotted IPv4 text of an A record. */
        final byte[] ipText = new byte[Addresses.MAX_IP_TEXT];
        /** Position just after the name last read by {@link #readName}. */
        int next;
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * Reads a (possibly compressed) name at {@code pos} into {@code s.name}: the raw label bytes joined with
     * {@code .}. The position just past the name's bytes in place is left in {@code s.next}.
     */
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
