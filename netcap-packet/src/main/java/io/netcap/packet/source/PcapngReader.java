package io.netcap.packet.source;

import io.netcap.packet.Packet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * pcapng reader (draft-ietf-opsawg-pcapng): sections in either byte order, interface description
 * blocks with their link type, snaplen, {@code if_tsresol} and {@code if_tsoffset}; enhanced,
 * simple and obsolete packet blocks. Every other block type is skipped by its length.
 *
 * <p>Damage: a block whose lengths are impossible or disagree is reported as a {@link Defect} and
 * the reader resynchronises on the next plausible block; a block cut short by the end of the file
 * ends the capture. Packet-level errors (unknown interface, captured length beyond the block or
 * beyond 256 KiB) skip that block only.
 */
public final class PcapngReader implements PacketSource {
    static final int BT_SHB = 0x0A0D0D0A;
    static final int BT_IDB = 0x00000001;
    static final int BT_OPB = 0x00000002;
    static final int BT_SPB = 0x00000003;
    static final int BT_NRB = 0x00000004;
    static final int BT_ISB = 0x00000005;
    static final int BT_EPB = 0x00000006;
    static final int BT_DSB = 0x0000000A;
    /** Custom blocks: copiable, and not to be copied (bit 30). */
    static final int BT_CB_COPY = 0x00000BAD;
    static final int BT_CB_NOCOPY = 0x40000BAD;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;

    private static final int BLOCK_TYPE = 0;
    private static final int BLOCK_TOTAL_LENGTH = 4;
    private static final int BLOCK_BODY = 8;
    /** Type, leading length, trailing length. */
    private static final int BLOCK_OVERHEAD = 12;

    private static final int SHB_BYTE_ORDER_MAGIC = 8;
    private static final int SHB_MAJOR = 12;
    private static final int SHB_MINIMUM_LENGTH = 28;

    private static final int IDB_LINKTYPE = 8;
    private static final int IDB_SNAPLEN = 12;
    private static final int IDB_OPTIONS = 16;
    private static final int IDB_MINIMUM_LENGTH = 20;

    private static final int EPB_INTERFACE_ID = 8;
    private static final int EPB_TS_HIGH = 12;
    private static final int EPB_TS_LOW = 16;
    private static final int EPB_CAPLEN = 20;
    private static final int EPB_ORIGLEN = 24;
    private static final int EPB_DATA = 28;
    private static final int EPB_MINIMUM_LENGTH = 32;

    /** OPB: a 16-bit interface id and a 16-bit drops count where the EPB has its 32-bit id. */
    private static final int OPB_INTERFACE_ID = 8;

    private static final int SPB_ORIGLEN = 8;
    private static final int SPB_DATA = 12;
    private static final int SPB_MINIMUM_LENGTH = 16;

    private static final int OPT_END = 0;
    private static final int OPT_IF_TSRESOL = 9;
    private static final int OPT_IF_TSOFFSET = 14;

    /** No block is expected to be larger; one that claims to be is damage. */
    private static final int MAX_BUFFERED_BLOCK = 16 << 20;

    private final CaptureInput input;
    private final String name;
    private final List<Defect> defects = new ArrayList<>();
    private final List<Interface> interfaces = new ArrayList<>();
    private boolean bigEndian;
    private boolean inSection;
    private int sections;
    private boolean done;
    private long packets;
    private long snaplenExceeded;
    private long customBlocks;

    /** One IDB of the current section. */
    private record Interface(int linkType, int snaplen, Timestamps timestamps) {}

    PcapngReader(CaptureInput input, String name) {
        this.input = input;
        this.name = name;
    }

    @Override
    public Packet next() throws IOException {
        CaptureInput in = input;
        while (!done) {
            if (!in.require(BLOCK_BODY)) {
                if (in.available() > 0) {
                    fail(in.offset(), "truncated block header: " + in.available() + " of " + BLOCK_BODY + " bytes");
                }
                done = true;
                return null;
            }
            int p = in.pos;
            int type = in.intAt(p + BLOCK_TYPE, bigEndian);
            if (type == BT_SHB) {
                readSectionHeader();
                continue;
            }
            if (!inSection) {
                report(in.offset(), String.format("block type 0x%08x before the first section header", type));
                resync();
                continue;
            }
            long blockOffset = in.offset();
            long total = Integer.toUnsignedLong(in.intAt(p + BLOCK_TOTAL_LENGTH, bigEndian));
            if (total < BLOCK_OVERHEAD || (total & 3) != 0) {
                report(blockOffset, String.format("block type 0x%08x: impossible total length %d", type, total));
                resync();
                continue;
            }
            boolean packetBlock = type == BT_EPB || type == BT_SPB || type == BT_OPB;
            boolean known = packetBlock || type == BT_IDB;
            if (total > MAX_BUFFERED_BLOCK) {
                report(blockOffset, String.format("block type 0x%08x: implausible length %d", type, total));
                resync();
                continue;
            }
            int length = (int) total;
            if (!in.require(length)) {
                if (known) {
                    fail(blockOffset, String.format("block type 0x%08x cut short: %d of %d bytes", type, in.available(), length));
                    return null;
                }
                // An unknown type whose length runs past the end is more likely damage than a real block.
                report(blockOffset, String.format("block type 0x%08x: length %d runs past the end of the file", type, length));
                resync();
                continue;
            }
            p = in.pos;
            int trailer = in.intAt(p + length - 4, bigEndian);
            if (trailer != length) {
                report(blockOffset, String.format("block type 0x%08x: trailing length %d differs from leading length %d",
                        type, Integer.toUnsignedLong(trailer), length));
                resync();
                continue;
            }
            if (!known) {
                if (type == BT_CB_COPY || type == BT_CB_NOCOPY) {
                    customBlocks++;
                }
                in.pos = p + length;
                continue;
            }
            Packet packet = switch (type) {
                case BT_EPB -> enhancedPacket(p, length, blockOffset, false);
                case BT_OPB -> enhancedPacket(p, length, blockOffset, true);
                case BT_SPB -> simplePacket(p, length, blockOffset);
                default -> {
                    interfaceDescription(p, length, blockOffset);
                    yield null;
                }
            };
            in.pos = p + length;
            if (packet != null) {
                packets++;
                return packet;
            }
        }
        return null;
    }

    /** Reads an SHB at the current position; damage is reported and resynchronised on. */
    private void readSectionHeader() throws IOException {
        CaptureInput in = input;
        long blockOffset = in.offset();
        if (!in.require(SHB_MINIMUM_LENGTH)) {
            fail(blockOffset, "truncated section header block: " + in.available() + " bytes");
            return;
        }
        int p = in.pos;
        int bom = in.rawIntLE(p + SHB_BYTE_ORDER_MAGIC);
        boolean be;
        if (bom == BYTE_ORDER_MAGIC) {
            be = false;
        } else if (bom == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            be = true;
        } else {
            report(blockOffset + SHB_BYTE_ORDER_MAGIC, String.format("section header with bad byte-order magic 0x%08x", bom));
            resync();
            return;
        }
        long total = Integer.toUnsignedLong(in.intAt(p + BLOCK_TOTAL_LENGTH, be));
        if (total < SHB_MINIMUM_LENGTH || (total & 3) != 0 || total > MAX_BUFFERED_BLOCK) {
            report(blockOffset, "section header with impossible total length " + total);
            resync();
            return;
        }
        int length = (int) total;
        if (!in.require(length)) {
            fail(blockOffset, "section header block cut short: " + in.available() + " of " + length + " bytes");
            return;
        }
        p = in.pos;
        if (in.intAt(p + length - 4, be) != length) {
            report(blockOffset, "section header: trailing length differs from leading length " + length);
            resync();
            return;
        }
        int major = in.u16At(p + SHB_MAJOR, be);
        if (major != 1) {
            // Wireshark refuses other major versions; their block layout is unknown.
            report(blockOffset + SHB_MAJOR, "unsupported pcapng major version " + major);
            in.pos = p + length;
            inSection = false;
            return;
        }
        bigEndian = be;
        interfaces.clear();
        inSection = true;
        sections++;
        in.pos = p + length;
        
    }

    private void interfaceDescription(int p, int length, long blockOffset) {
        CaptureInput in = input;
        if (length < IDB_MINIMUM_LENGTH) {
            report(blockOffset, "interface description block too short: " + length);
            // Keep interface numbering aligned with the writer's; the entry is unusable.
            interfaces.add(new Interface(-1, 0, Timestamps.MICROSECONDS));
            return;
        }
        int linkType = in.u16At(p + IDB_LINKTYPE, bigEndian);
        int snaplen = in.intAt(p + IDB_SNAPLEN, bigEndian);
        int tsresol = 6;
        long tsoffset = 0;
        int o = p + IDB_OPTIONS;
        int end = p + length - 4;
        while (o + 4 <= end) {
            int code = in.u16At(o, bigEndian);
            int len = in.u16At(o + 2, bigEndian);
            int value = o + 4;
            if (code == OPT_END) {
                break;
            }
            if (value + len > end) {
                report(blockOffset + (o - p), "interface option " + code + " overruns its block");
                break;
            }
            if (code == OPT_IF_TSRESOL && len >= 1) {
                tsresol = in.buf[value] & 0xff;
            } else if (code == OPT_IF_TSOFFSET && len >= 8) {
                long first = Integer.toUnsignedLong(in.intAt(value, bigEndian));
                long second = Integer.toUnsignedLong(in.intAt(value + 4, bigEndian));
                // A 64-bit option value is one integer in the section's byte order.
                tsoffset = bigEndian ? (first << 32) | second : (second << 32) | first;
            }
            o = value + ((len + 3) & ~3);
        }
        Timestamps ts = Timestamps.of(tsresol, tsoffset);
        if (ts == null) {
            report(blockOffset, "unsupported if_tsresol 0x" + Integer.toHexString(tsresol));
            ts = Timestamps.MICROSECONDS;
        }
        interfaces.add(new Interface(linkType, snaplen, ts));
    }

    private Packet enhancedPacket(int p, int length, long blockOffset, boolean obsolete) {
        CaptureInput in = input;
        String kind = obsolete ? "packet block" : "enhanced packet block";
        if (length < EPB_MINIMUM_LENGTH) {
            report(blockOffset, kind + " too short: " + length);
            return null;
        }
        int id = obsolete ? in.u16At(p + OPB_INTERFACE_ID, bigEndian) : in.intAt(p + EPB_INTERFACE_ID, bigEndian);
        Interface iface = iface(id, blockOffset, kind);
        if (iface == null) {
            return null;
        }
        long units = (Integer.toUnsignedLong(in.intAt(p + EPB_TS_HIGH, bigEndian)) << 32)
                | Integer.toUnsignedLong(in.intAt(p + EPB_TS_LOW, bigEndian));
        int caplen = in.intAt(p + EPB_CAPLEN, bigEndian);
        int wirelen = in.intAt(p + EPB_ORIGLEN, bigEndian);
        if (Integer.compareUnsigned(caplen, length - EPB_MINIMUM_LENGTH) > 0) {
            report(blockOffset, kind + ": captured length " + Integer.toUnsignedString(caplen)
                    + " exceeds the block's " + (length - EPB_MINIMUM_LENGTH) + " data bytes");
            return null;
        }
        if (caplen > PcapReader.MAX_CAPTURED_LENGTH) {
            report(blockOffset, kind + ": captured length " + caplen + " exceeds the maximum of "
                    + PcapReader.MAX_CAPTURED_LENGTH);
            return null;
        }
        if (iface.snaplen > 0 && caplen > iface.snaplen) {
            snaplenExceeded++;
        }
        return new Packet(iface.timestamps.toNanos(units), caplen, wirelen, iface.linkType, id, in.buf, p + EPB_DATA);
    }

    private Packet simplePacket(int p, int length, long blockOffset) {
        CaptureInput in = input;
        if (length < SPB_MINIMUM_LENGTH) {
            report(blockOffset, "simple packet block too short: " + length);
            return null;
        }
        Interface iface = iface(0, blockOffset, "simple packet block");
        if (iface == null) {
            return null;
        }
        int wirelen = in.intAt(p + SPB_ORIGLEN, bigEndian);
        // The SPB has no captured length: it is the original length cut to the snaplen and the block.
        long caplen = Integer.toUnsignedLong(wirelen);
        if (iface.snaplen > 0 && caplen > Integer.toUnsignedLong(iface.snaplen)) {
            caplen = Integer.toUnsignedLong(iface.snaplen);
        }
        caplen = Math.min(caplen, length - SPB_MINIMUM_LENGTH);
        if (caplen > PcapReader.MAX_CAPTURED_LENGTH) {
            report(blockOffset, "simple packet block: captured length " + caplen + " exceeds the maximum of "
                    + PcapReader.MAX_CAPTURED_LENGTH);
            return null;
        }
        // An SPB carries no timestamp.
        return new Packet(0L, (int) caplen, wirelen, iface.linkType, 0, in.buf, p + SPB_DATA);
    }

    private Interface iface(int id, long blockOffset, String kind) {
        if (id < 0 || id >= interfaces.size()) {
            report(blockOffset, kind + " names interface " + Integer.toUnsignedString(id) + " but the section has "
                    + interfaces.size());
            return null;
        }
        Interface iface = interfaces.get(id);
        if (iface.linkType < 0) {
            return null;
        }
        return iface;
    }

    /**
     * Scans forward, 4 bytes at a time (blocks are 32-bit aligned), for the start of a block that
     * looks sound: a section header with a byte-order magic, or a known block type whose leading
     * and trailing lengths agree. Ends the capture when none is found.
     */
    private void resync() throws IOException {
        CaptureInput in = input;
        long start = in.offset();
        in.skip(4);
        while (true) {
            if (!in.require(BLOCK_OVERHEAD)) {
                done = true;
                return;
            }
            int p = in.pos;
            int typeLE = in.rawIntLE(p);
            if (typeLE == BT_SHB) {
                int bom = in.rawIntLE(p + SHB_BYTE_ORDER_MAGIC);
                if (bom == BYTE_ORDER_MAGIC || bom == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
                    break;
                }
            } else if (inSection && plausibleBlock(p)) {
                break;
            }
            in.pos += 4;
        }
        report(in.offset(), "resynchronised after skipping " + (in.offset() - start) + " bytes");
    }

    private boolean plausibleBlock(int p) throws IOException {
        CaptureInput in = input;
        int type = in.intAt(p, bigEndian);
        if (type != BT_EPB && type != BT_IDB && type != BT_SPB && type != BT_OPB && type != BT_ISB
                && type != BT_NRB && type != BT_DSB) {
            return false;
        }
        long total = Integer.toUnsignedLong(in.intAt(p + BLOCK_TOTAL_LENGTH, bigEndian));
        if (total < BLOCK_OVERHEAD || (total & 3) != 0 || total > MAX_BUFFERED_BLOCK) {
            return false;
        }
        if (!in.require((int) total)) {
            return false;
        }
        p = in.pos;
        return in.intAt(p + (int) total - 4, bigEndian) == (int) total;
    }

    private void report(long offset, String message) {
        defects.add(new Defect(offset, message));
    }

    private void fail(long offset, String message) {
        report(offset, message);
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
        return name + " (pcapng, " + sections + " section" + (sections == 1 ? "" : "s") + ")";
    }

    /** Sections met so far. */
    public int sections() {
        return sections;
    }

    /** Link types of the current section's interfaces, in interface-id order. */
    public List<Integer> interfaceLinkTypes() {
        return interfaces.stream().map(Interface::linkType).toList();
    }

    /**
     * Custom blocks skipped. They carry no packet; Wireshark shows them as frames of raw data
     * (gopacket's reader, which the original used, skips them as we do).
     */
    public long customBlocks() {
        return customBlocks;
    }

    /** Packets whose captured length exceeded their interface's snaplen (tolerated). */
    public long snaplenExceeded() {
        return snaplenExceeded;
    }

    @Override
    public void close() throws IOException {
        done = true;
        input.close();
    }

    /**
     * An interface's timestamp unit ({@code if_tsresol}: 10^-n or, with the top bit set, 2^-n
     * seconds) and offset ({@code if_tsoffset}, seconds), converted exactly to nanoseconds.
     */
    record Timestamps(boolean binary, int exponent, long offsetSeconds) {
        static final Timestamps MICROSECONDS = new Timestamps(false, 6, 0);
        private static final long[] POW10 = {
            1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
            10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
            1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L};

        /** The resolution of an {@code if_tsresol} byte, or null when it cannot be represented. */
        static Timestamps of(int tsresol, long offsetSeconds) {
            boolean binary = (tsresol & 0x80) != 0;
            int exponent = tsresol & 0x7f;
            if (!binary && exponent > 9 + 18) {
                return null;
            }
            return new Timestamps(binary, exponent, offsetSeconds);
        }

        long toNanos(long units) {
            long ns;
            if (binary) {
                // units * 10^9 / 2^exponent on the full 128-bit product: no precision is lost.
                long lo = units * 1_000_000_000L;
                long hi = Math.unsignedMultiplyHigh(units, 1_000_000_000L);
                if (exponent == 0) {
                    ns = lo;
                } else if (exponent < 64) {
                    ns = (lo >>> exponent) | (hi << (64 - exponent));
                } else {
                    ns = hi >>> (exponent - 64);
                }
            } else if (exponent <= 9) {
                ns = units * POW10[9 - exponent];
            } else {
                ns = Long.divideUnsigned(units, POW10[exponent - 9]);
            }
            return ns + offsetSeconds * 1_000_000_000L;
        }
    }
}
