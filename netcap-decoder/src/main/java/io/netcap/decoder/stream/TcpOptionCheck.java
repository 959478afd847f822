package io.netcap.decoder.stream;

import io.netcap.packet.layer.Bytes;
import io.netcap.packet.layer.HeaderOptions;

/**
 * The option check of the original's reassembly (gopacket's {@code TCPOptionCheck}), which
 * {@code -nooptcheck=false} enforces (docs/streams.md, "Segment checks"). A SYN announces its side's maximum
 * segment size (option 2, RFC 9293 section 3.7.1, two data bytes) and window scale (option 3, RFC 7323 section
 * 2.2, one data byte); a SYN whose MSS or window scale option has another length, or whose option list is
 * malformed, is refused. A later segment is refused when it starts before its direction's next expected
 * sequence number (a retransmission; one byte before, with at most one byte, passes as a keep-alive), when it
 * carries more payload than the MSS its receiver announced, or, when the receiver announced no window scale,
 * when it starts beyond the receiver's last window. Segment offload (TSO/GRO) captures hold segments larger than
 * the MSS, which is why the original checks nothing by default.
 */
final class TcpOptionCheck implements HeaderOptions.Visitor {
    static final int KIND_MSS = 2;
    static final int KIND_WINDOW_SCALE = 3;

    enum Verdict { ACCEPTED, BAD_OPTION, RETRANSMISSION, ABOVE_MSS, BEYOND_WINDOW }

    /** What one side announced: 0 MSS before its SYN, -1 when its SYN had none; scale -1 when none. */
    private static final class Side {
        int mss;
        int scale = -1;
        long window;
    }

    private final Side client = new Side();
    private final Side server = new Side();
    // The option walk's findings for the SYN being read.
    private int foundMss;
    private int foundScale;
    private boolean bad;
    private byte[] walked;

    /**
     * Checks a segment of direction {@code d}; {@code nextSeq} is that direction's next expected sequence number
     * (unsigned), or -1 before the direction started. A refused segment changes nothing.
     */
    Verdict check(Direction d, int flags, int seq, int payloadLength, long nextSeq, SegmentHeader h) {
        Side own = d == Direction.CLIENT_TO_SERVER ? client : server;
        if ((flags & TcpReassembler.SYN) != 0) {
            foundMss = -1;
            foundScale = -1;
            bad = false;
            walked = h.buffer;
            HeaderOptions.walk(h.buffer, h.optionsOffset, h.optionsEnd, this);
            walked = null;
            if (bad) {
                return Verdict.BAD_OPTION;
            }
            own.mss = foundMss;
            own.scale = foundScale;
        } else if (nextSeq >= 0) {
            Side receiver = own == client ? server : client;
            int diff = seq - (int) nextSeq; // modulo 2^32
            if (diff == -1 && payloadLength <= 1) {
                // a keep-alive: one byte (or none) just before the next expected
            } else if (diff < 0) {
                return Verdict.RETRANSMISSION;
            } else if (receiver.mss > 0 && payloadLength > receiver.mss) {
                return Verdict.ABOVE_MSS;
            } else if (receiver.window != 0 && receiver.scale < 0 && diff > receiver.window) {
                return Verdict.BEYOND_WINDOW;
            }
        }
        own.window = own.scale > 0 ? (long) h.window << own.scale : h.window;
        return Verdict.ACCEPTED;
    }

    @Override
    public void option(int kind, int length, int dataOffset, int dataLength) {
        if (kind == KIND_MSS) {
            if (dataLength != 2) {
                bad = true;
            } else if (!bad) {
                foundMss = Bytes.u16(walked, dataOffset);
            }
        } else if (kind == KIND_WINDOW_SCALE) {
            if (dataLength != 1) {
                bad = true;
            } else if (!bad) {
                foundScale = Bytes.u8(walked, dataOffset);
            }
        }
    }

    @Override
    public void malformed(int offset, int kind, int length, int bytesLeft) {
        bad = true;
    }
}
