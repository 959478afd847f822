package io.netcap.decoder.stream;

/**
 * What {@link TcpOptionCheck} reads of a segment's TCP header beyond the sequence number and flags: the window
 * field and the option list. The caller fills one instance per segment and may reuse it; the reassembler reads
 * it during {@link TcpReassembler#segment} only.
 */
public final class SegmentHeader {
    /** No options, window 0: for callers without a header at hand. */
    static final SegmentHeader NONE = new SegmentHeader();

    int window;
    byte[] buffer = new byte[0];
    int optionsOffset;
    int optionsEnd;

    /**
     * @param window        the unscaled window field
     * @param buffer        the bytes holding the header
     * @param optionsOffset where the options start (20 bytes into the header)
     * @param optionsEnd    where the header ends (its data offset)
     */
    public SegmentHeader set(int window, byte[] buffer, int optionsOffset, int optionsEnd) {
        this.window = window;
        this.buffer = buffer;
        this.optionsOffset = optionsOffset;
        this.optionsEnd = optionsEnd;
        return this;
    }
}
