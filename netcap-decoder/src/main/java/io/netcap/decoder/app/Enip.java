package io.netcap.decoder.app;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.netcap.types.ENIP;
import io.netcap.types.ENIPCommandSpecificData;
import java.util.List;

/**
 * EtherNet/IP encapsulation (ODVA CIP Vol. 2, 2-3) to an {@link ENIP} record, as the original's
 * parser reads it: the 24-byte little-endian header; command-specific data of RegisterSession is its
 * 4-byte body, of SendRRData / SendUnitData the common-packet-format header up to the first data
 * item's payload (interface handle, timeout, item count and the item headers), of every other command
 * all remaining bytes of the message. For SendRRData and
 * SendUnitData with interface handle 0 the bytes after the item headers are the CIP message
 * ({@link #cipRange}).
 *
 * <p>A TCP segment may carry several encapsulated messages one after the other, each {@code 24 + Length}
 * bytes long; {@link #decodeAll} decodes every one of them (the original's parser only the first; see
 * docs/app-decoders.md). A message cut by the end of the segment is decoded from the bytes present, as
 * the original decodes its first message: {@code Length} delimits messages but is not enforced.
 */
public final class Enip {
    static final int HEADER_LEN = 24;
    static final int CMD_REGISTER_SESSION = 0x65, CMD_SEND_RR_DATA = 0x6f, CMD_SEND_UNIT_DATA = 0x70;
    /** Shortest SendRRData/SendUnitData the original accepts. */
    static final int MIN_SEND_DATA_LEN = 36;
    static final int ITEM_COUNT = 30, FIRST_ITEM = 32;

    private Enip() {}

    /**
     * The ENIP (and CIP) records of every encapsulated message in {@code buf[off .. off+len)}, in order,
     * appended to {@code out}. A message shorter than a header after the first is rejected (counted as
     * {@code ENIP.trailingMessageTruncated}); decoding stops at the first rejected message.
     */
    public static void decodeAll(byte[] buf, int off, int len, long tsNanos, boolean payload, List<Message> out) {
        int p = 0;
        do {
            int rest = len - p;
            if (p > 0 && rest < HEADER_LEN) {
                AppErrors.reject("ENIP", new Malformed("trailingMessageTruncated"));
                return;
            }
            // Length (little-endian, offset 2) ends the message; one cut by the segment end keeps the bytes present
            int size = rest < HEADER_LEN ? rest
                    : Math.min(rest, HEADER_LEN + ((buf[off + p + 2] & 0xff) | (buf[off + p + 3] & 0xff) << 8));
            ENIP enip = decode(buf, off + p, size, tsNanos);
            if (enip == null) return;
            out.add(enip);
            int[] cip = cipRange(buf, off + p, size);
            if (cip != null) {
                Message c = Cip.decode(buf, cip[0], cip[1], tsNanos, payload);
                if (c != null) out.add(c);
            }
            p += size;
        } while (p < len);
    }

    public static ENIP decode(byte[] buf, int off, int len, long tsNanos) {
        try {
            ByteReader w = new ByteReader(buf, off, len);
            if (len < HEADER_LEN) throw new Malformed("tooShort");
            int cmd = w.u16le(0);
            int csdEnd = commandSpecificEnd(w, cmd);
            return ENIP.newBuilder().setTimestamp(tsNanos).setCommand(cmd).setLength(w.u16le(2))
                    .setSessionHandle((int) w.u32le(4)).setStatus((int) w.u32le(8))
                    .setSenderContext(ByteString.copyFrom(buf, off + 12, 8)).setOptions((int) w.u32le(20))
                    .setCommandSpecific(ENIPCommandSpecificData.newBuilder().setCmd(cmd)
                            .setData(ByteString.copyFrom(buf, off + HEADER_LEN, csdEnd - HEADER_LEN)))
                    .build();
        } catch (Malformed m) {
            return AppErrors.reject("ENIP", m);
        }
    }

    /** End of the command-specific data (exclusive, relative to the header start). */
    static int commandSpecificEnd(ByteReader w, int cmd) throws Malformed {
        switch (cmd) {
            case CMD_REGISTER_SESSION -> {
                w.need(HEADER_LEN, 4, "registerSessionTruncated");
                return HEADER_LEN + 4;
            }
            case CMD_SEND_RR_DATA, CMD_SEND_UNIT_DATA -> {
                if (w.length() < MIN_SEND_DATA_LEN) throw new Malformed("sendDataTooShort");
                int items = w.u16le(ITEM_COUNT);
                int end = FIRST_ITEM;
                for (int i = 0; i < items; i++) end += itemHeaderLength(w, end);
                if (end > w.length()) throw new Malformed("itemsPastEnd");
                return end;
            }
            default -> {
                return w.length();
            }
        }
    }

    /**
     * Bytes the original's parser steps over for one CPF item: the header of a data item (its payload
     * is the next layer), the whole of an address item. Unknown item ids count 0, as there.
     */
    static int itemHeaderLength(ByteReader w, int at) throws Malformed {
        return switch (w.u16le(at)) {
            case 0x0000, 0x00b2, 0x0100, 0x8000 -> 4;
            case 0x000c -> 8;
            case 0x00a1 -> 4 + w.u16le(at + 2);
            case 0x00b1 -> 6;
            case 0x8001, 0x8002 -> 2;
            default -> 0;
        };
    }

    /**
     * The CIP message carried by SendRRData / SendUnitData with interface handle 0: {offset, length} in
     * {@code buf} (all bytes after the item headers), or null when there is none.
     */
    public static int[] cipRange(byte[] buf, int off, int len) {
        try {
            ByteReader w = new ByteReader(buf, off, len);
            int cmd = w.u16le(0);
            if (cmd != CMD_SEND_RR_DATA && cmd != CMD_SEND_UNIT_DATA) return null;
            int end = commandSpecificEnd(w, cmd);
            if (w.u32le(HEADER_LEN) != 0 || end >= len) return null;
            return new int[] {off + end, len - end};
        } catch (Malformed m) {
            return null;
        }
    }
}
