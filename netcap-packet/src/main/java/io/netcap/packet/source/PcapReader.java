package io.netcap.packet.source;

import io.netcap.packet.Packet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic libpcap file reader (pcap-savefile(5)): both byte orders, microsecond and nanosecond
 * magics, any link type. Packets slice the reader's buffer (see {@link PacketSource}).
 *
 * <p>Damage handling follows Wireshark: a record whose captured length exceeds 256 KiB, or a record
 * cut short by the end of the file, ends the capture with a {@link Defect}; a captured length above
 * the file header's snaplen is tolerated and counted ({@link #snaplenExceeded()}).
 */
public final class PcapReader implements PacketSource {
    static final int MAGIC_MICROS = 0xa1b2c3d4;
    static final int MAGIC_NANOS = 0xa1b23c4d;
    /** Alexey Kuznetsov's patched libpcap (1999): longer record headers, see {@link #chooseVariant}. */
    static final int MAGIC_KUZNETSOV = 0xa1b2cd34;

    static final int FILE_HEADER_LENGTH = 24;
    private static final int HDR_VERSION_MAJOR = 4;
    private static final int HDR_VERSION_MINOR = 6;
    private static final int HDR_SNAPLEN = 16;
    private static final int HDR_LINKTYPE = 20;

    private static final int REC_TS_SEC = 0;
    private static final int REC_TS_FRAC = 4;
    private static final int REC_INCL_LEN = 8;
    private static final int REC_ORIG_LEN = 12;
    private static final int RECORD_HEADER_LENGTH = 16;
    /** ss990417 / ss991029 patches: ifindex(4), protocol(2), pkt_type(1), pad(1). */
    private static final int MODIFIED_RECORD_HEADER_LENGTH = 24;
    /** ss990915 patch: as above plus cpu1, cpu2 and padding. */
    private static final int SS990915_RECORD_HEADER_LENGTH = 28;
    /** Nokia IPSO: 4 bytes of unexplained data after the standard header. */
    private static final int NOKIA_RECORD_HEADER_LENGTH = 20;
    /** Record-header layouts tried, in Wireshark's order, for the standard and the modified magic. */
    private static final int[] VARIANTS_STANDARD = {RECORD_HEADER_LENGTH, MODIFIED_RECORD_HEADER_LENGTH,
        NOKIA_RECORD_HEADER_LENGTH};
    private static final int[] VARIANTS_MODIFIED = {MODIFIED_RECORD_HEADER_LENGTH, SS990915_RECORD_HEADER_LENGTH};
    private static final int RECORDS_TO_TRY = 3;
    /** Wireshark's plausibility bound on a wire length when guessing the variant. */
    private static final long MAX_PLAUSIBLE_WIRE_LENGTH = 128L * 1024 * 1024;

    /** Wireshark's WTAP_MAX_PACKET_SIZE_STANDARD: larger captured lengths mean a corrupt file. */
    public static final int MAX_CAPTURED_LENGTH = 262_144;

    /** The link-type field's low 16 bits; the upper bits carry the FCS length flag (LT_LINKTYPE). */
    private static final int LINKTYPE_MASK = 0xffff;

    private final CaptureInput input;
    private final String name;
    private final List<Defect> defects = new ArrayList<>();
    private boolean bigEndian;
    private boolean nanos;
    private int recordHeaderLength = RECORD_HEADER_LENGTH;
    private boolean modifiedMagic;
    /** Format versions before 2.3 store orig_len before incl_len; some 2.3 writers did too. */
    private LengthOrder lengthOrder = LengthOrder.STANDARD;

    private enum LengthOrder { STANDARD, SWAPPED, MAYBE_SWAPPED }
    private int snaplen;
    private int linkType;
    private int versionMajor;
    private int versionMinor;
    private boolean done;
    private long packets;
    private long snaplenExceeded;

    PcapReader(CaptureInput input, String name) throws IOException {
        this.input = input;
        this.name = name;
        readFileHeader();
    }

    private void readFileHeader() throws IOException {
        if (!input.require(FILE_HEADER_LENGTH)) {
            fail(0, "truncated pcap file header: " + input.available() + " of " + FILE_HEADER_LENGTH + " bytes");
            return;
        }
        int p = input.pos;
        int magic = input.rawIntLE(p);
        if (!detect(magic)) {
            bigEndian = true;
            if (!detect(Integer.reverseBytes(magic))) {
                fail(0, String.format("not a pcap file: magic 0x%08x", Integer.reverseBytes(magic)));
                return;
            }
        }
        versionMajor = input.u16At(p + HDR_VERSION_MAJOR, bigEndian);
        versionMinor = input.u16At(p + HDR_VERSION_MINOR, bigEndian);
        snaplen = input.intAt(p + HDR_SNAPLEN, bigEndian);
        linkType = input.intAt(p + HDR_LINKTYPE, bigEndian) & LINKTYPE_MASK;
        input.pos += FILE_HEADER_LENGTH;
        if (versionMajor < 2) {
            // Wireshark and libpcap both refuse format versions before 2.
            fail(HDR_VERSION_MAJOR, "unsupported pcap version " + versionMajor + "." + versionMinor);
            return;
        }
        if (versionMajor == 2 && versionMinor < 3 || versionMajor == 543) {
            lengthOrder = LengthOrder.SWAPPED;
        } else if (versionMajor == 2 && versionMinor == 3) {
            lengthOrder = LengthOrder.MAYBE_SWAPPED;
        }
        if (!nanos) {
            chooseVariant(modifiedMagic ? VARIANTS_MODIFIED : VARIANTS_STANDARD);
        }
    }

    /**
     * Several 1999-era patched libpcaps wrote longer record headers, some under the standard
     * magic. Like Wireshark, read the first records with each layout and keep the first one that
     * looks sane, else the one with the fewest oddities; a damaged file is thus cut where
     * Wireshark cuts it.
     */
    private void chooseVariant(int[] variants) throws IOException {
        int best = Integer.MAX_VALUE;
        for (int headerLength : variants) {
            int demerits = tryVariant(headerLength);
            if (demerits == 0) {
                recordHeaderLength = headerLength;
                return;
            }
            if (demerits < best) {
                best = demerits;
                recordHeaderLength = headerLength;
            }
        }
    }

    /** Wireshark's figure of demerit for reading the first records with a header length. */
    private int tryVariant(int headerLength) throws IOException {
        CaptureInput in = input;
        long at = 0;
        for (int i = 0; i < RECORDS_TO_TRY; i++) {
            if (!in.require((int) (at + headerLength))) {
                return in.available() == at ? 0 : 1;
            }
            int p = in.pos + (int) at;
            long fraction = Integer.toUnsignedLong(in.intAt(p + REC_TS_FRAC, bigEndian));
            long caplen = Integer.toUnsignedLong(capturedLengthAt(p));
            long wirelen = Integer.toUnsignedLong(wireLengthAt(p));
            int demerits = 0;
            if (fraction >= 1_000_000) {
                demerits++;
            }
            if (caplen > MAX_CAPTURED_LENGTH) {
                demerits++;
            }
            if (wirelen > MAX_PLAUSIBLE_WIRE_LENGTH) {
                demerits++;
            }
            if (caplen > Integer.toUnsignedLong(snaplen)) {
                demerits++;
            }
            if (caplen > wirelen) {
                demerits++;
            }
            if (demerits != 0) {
                return demerits;
            }
            at += headerLength + caplen;
            if (!in.require((int) at)) {
                return 1;
            }
        }
        return 0;
    }

    private int capturedLengthAt(int p) {
        int incl = input.intAt(p + REC_INCL_LEN, bigEndian);
        int orig = input.intAt(p + REC_ORIG_LEN, bigEndian);
        return switch (lengthOrder) {
            case STANDARD -> incl;
            case SWAPPED -> orig;
            case MAYBE_SWAPPED -> Integer.compareUnsigned(incl, orig) <= 0 ? incl : orig;
        };
    }

    private int wireLengthAt(int p) {
        int incl = input.intAt(p + REC_INCL_LEN, bigEndian);
        int orig = input.intAt(p + REC_ORIG_LEN, bigEndian);
        return switch (lengthOrder) {
            case STANDARD -> orig;
            case SWAPPED -> incl;
            case MAYBE_SWAPPED -> Integer.compareUnsigned(incl, orig) <= 0 ? orig : incl;
        };
    }

    private boolean detect(int magic) {
        switch (magic) {
            case MAGIC_MICROS -> nanos = false;
            case MAGIC_NANOS -> nanos = true;
            case MAGIC_KUZNETSOV -> modifiedMagic = true;
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    public Packet next() throws IOException {
        if (done) {
            return null;
        }
        CaptureInput in = input;
        int hl = recordHeaderLength;
        if (!in.require(hl)) {
            if (in.available() > 0) {
                fail(in.offset(), "truncated record header: " + in.available() + " of " + hl + " bytes");
            }
            done = true;
            return null;
        }
        int p = in.pos;
        boolean be = bigEndian;
        long seconds = Integer.toUnsignedLong(in.intAt(p + REC_TS_SEC, be));
        int fraction = in.intAt(p + REC_TS_FRAC, be);
        int caplen = lengthOrder == LengthOrder.STANDARD ? in.intAt(p + REC_INCL_LEN, be) : capturedLengthAt(p);
        int wirelen = lengthOrder == LengthOrder.STANDARD ? in.intAt(p + REC_ORIG_LEN, be) : wireLengthAt(p);
        if (Integer.compareUnsigned(caplen, MAX_CAPTURED_LENGTH) > 0) {
            fail(in.offset(), "captured length " + Integer.toUnsignedString(caplen)
                    + " exceeds the maximum of " + MAX_CAPTURED_LENGTH);
            return null;
        }
        if (!in.require(hl + caplen)) {
            fail(in.offset(), "truncated packet data: " + (in.available() - hl) + " of " + caplen + " bytes");
            return null;
        }
        p = in.pos;
        if (caplen > snaplen && snaplen > 0) {
            snaplenExceeded++;
        }
        // As Wireshark: seconds unsigned; the fraction scaled in 32-bit arithmetic, so an
        // out-of-range fraction in a damaged file yields the same time as in Wireshark.
        long ts = seconds * 1_000_000_000L + (long) (nanos ? fraction : fraction * 1_000);
        in.pos = p + hl + caplen;
        packets++;
        return new Packet(ts, caplen, wirelen, linkType, 0, in.buf, p + hl);
    }

    private void fail(long offset, String message) {
        defects.add(new Defect(offset, message));
        done = true;
    }

    @Override
    public List<Defect> defects() {
        return java.util.Collections.unmodifiableList(defects);
    }

    @Override
    public long packetsRead() {
        return packets;
    }

    @Override
    public String description() {
        return name + " (pcap, " + (bigEndian ? "big" : "little") + "-endian, "
                + (nanos ? "nsec" : "usec") + ", " + LinkType.name(linkType) + ")";
    }

    /** The file header's link type (masked to the registry value). */
    public int linkType() {
        return linkType;
    }

    public int snaplen() {
        return snaplen;
    }

    public boolean bigEndian() {
        return bigEndian;
    }

    public boolean nanosecondResolution() {
        return nanos;
    }

    /** Records whose captured length exceeded the file's snaplen (tolerated, as Wireshark does). */
    public long snaplenExceeded() {
        return snaplenExceeded;
    }

    @Override
    public void close() throws IOException {
        done = true;
        input.close();
    }
}
