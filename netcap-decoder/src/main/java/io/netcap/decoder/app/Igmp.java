package io.netcap.decoder.app;

import io.netcap.packet.layer.Addresses;
import io.netcap.types.IGMP;
import io.netcap.types.IGMPv3GroupRecord;

/**
 * IGMP v1, v2 (RFC 2236) and v3 (RFC 3376) to an {@link IGMP} record. The version follows the
 * original's rules: a query (0x11) of 8 bytes is v1 when Max Resp Code is 0, else v2; a query of 12
 * bytes or more is v3; reports 0x12 are v1, 0x16 and leaves 0x17 are v2, 0x22 is a v3 report.
 * {@code MaxResponseTime} and {@code IntervalTime} are durations in nanoseconds: v3 Max Resp Code per
 * RFC 3376 4.1.1 (tenths of a second) and QQIC per 4.1.7 (seconds), v1/v2 Max Resp Time per RFC 2236 2.2
 * (tenths of a second, no exponent). The original swaps the v3 exponent and mantissa, reads QQIC in
 * tenths and applies the exponent form to v2 too: deliberate deviations, listed in docs/app-decoders.md.
 * A v3 message whose source or group record counts exceed the data keeps what was read (the original
 * ignores that error) and counts it.
 */
public final class Igmp {
    static final int QUERY = 0x11, REPORT_V1 = 0x12, REPORT_V2 = 0x16, LEAVE = 0x17, REPORT_V3 = 0x22;
    static final long TENTH_SECOND_NS = 100_000_000L, SECOND_NS = 1_000_000_000L;

    private Igmp() {}

    public static IGMP decode(byte[] buf, int off, int len, long tsNanos) {
        try {
            return parse(new ByteReader(buf, off, len), tsNanos);
        } catch (Malformed m) {
            return AppErrors.reject("IGMP", m);
        }
    }

    /**
     * RFC 3376 4.1.1 and 4.1.7: a code below 128 is the value itself; otherwise the bits are
     * {@code 1 exp(3) mant(4)} and the value is {@code (mant | 0x10) << (exp + 3)}.
     */
    static long floatingPoint(int code) {
        if (code < 0x80) return code;
        int exp = (code >> 4) & 0x7, mant = code & 0x0f;
        return (long) (mant | 0x10) << (exp + 3);
    }

    static IGMP parse(ByteReader w, long ts) throws Malformed {
        int type = w.u8(0);
        IGMP.Builder b = IGMP.newBuilder().setTimestamp(ts).setType(type);
        switch (type) {
            case QUERY -> {
                if (w.length() >= 12) return v3Query(w, b.setVersion(3));
                if (w.length() == 8) return v1or2(w, b.setVersion(w.u8(1) == 0 ? 1 : 2));
                throw new Malformed("badQueryLength");
            }
            case REPORT_V1 -> {
                return v1or2(w, b.setVersion(1));
            }
            case REPORT_V2, LEAVE -> {
                return v1or2(w, b.setVersion(2));
            }
            case REPORT_V3 -> {
                return v3Report(w, b.setVersion(3));
            }
            default -> throw new Malformed("unknownType");
        }
    }

    private static IGMP v1or2(ByteReader w, IGMP.Builder b) throws Malformed {
        if (w.length() < 8) throw new Malformed("tooShort");
        return b.setMaxResponseTime(TENTH_SECOND_NS * w.u8(1)).setChecksum(w.u16(2))
                .setGroupAddress(Addresses.ipv4(w.array(), w.abs(4))).build();
    }

    private static IGMP v3Query(ByteReader w, IGMP.Builder b) throws Malformed {
        int n = w.u16(10);
        b.setMaxResponseTime(TENTH_SECOND_NS * floatingPoint(w.u8(1))).setChecksum(w.u16(2))
                .setGroupAddress(Addresses.ipv4(w.array(), w.abs(4)))
                .setSupressRouterProcessing((w.u8(8) & 0x8) != 0).setRobustnessValue(w.u8(8) & 0x7)
                .setIntervalTime(SECOND_NS * floatingPoint(w.u8(9))).setNumberOfSources(n);
        if (!w.has(12, n * 4)) {
            AppErrors.count("IGMP.sourcesExceedMessage");
            return b.build();
        }
        for (int j = 0; j < n; j++) b.addSourceAddresses(Addresses.ipv4(w.array(), w.abs(12 + 4 * j)));
        return b.build();
    }

    private static IGMP v3Report(ByteReader w, IGMP.Builder b) throws Malformed {
        if (w.length() < 8) {
            AppErrors.count("IGMP.reportTooShort");
            return b.build();
        }
        int records = w.u16(6);
        b.setChecksum(w.u16(2)).setNumberOfGroupRecords(records);
        int p = 8;
        for (int j = 0; j < records; j++) {
            if (!w.has(p, 8)) {
                AppErrors.count("IGMP.groupRecordsExceedMessage");
                break;
            }
            int n = w.u16(p + 2);
            IGMPv3GroupRecord.Builder g = IGMPv3GroupRecord.newBuilder().setType(w.u8(p)).setAuxDataLen(w.u8(p + 1))
                    .setNumberOfSources(n).setMulticastAddress(Addresses.ipv4(w.array(), w.abs(p + 4)));
            if (!w.has(p + 8, n * 4)) {
                AppErrors.count("IGMP.sourcesExceedMessage");
                break;
            }
            for (int i = 0; i < n; i++) g.addSourceAddresses(Addresses.ipv4(w.array(), w.abs(p + 8 + 4 * i)));
            b.addGroupRecords(g);
            p += 8 + 4 * n;
        }
        return b.build();
    }
}
