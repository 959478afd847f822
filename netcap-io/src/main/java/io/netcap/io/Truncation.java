package io.netcap.io;

/**
 * How a record stream ended early. The original reader stops silently at such an end (dump, label,
 * export), so this is information, not an error: every record before {@link #offset()} was delivered.
 *
 * @param offset   offset in the decompressed stream where the incomplete record starts, or where the
 *                 data ends when only the gzip stream was cut (at a record boundary)
 * @param reason   what was cut
 * @param gzipCut  whether the gzip stream also ended without its trailer
 */
public record Truncation(long offset, Reason reason, boolean gzipCut) {

    public enum Reason {
        /** The stream ends inside the length varint of a record. */
        LENGTH_CUT,
        /** The stream ends inside the payload of a record. */
        RECORD_CUT,
        /** The gzip stream ends inside a member (its header, data or trailer), but at a record boundary. */
        GZIP_CUT
    }

    /** A one-line description, e.g. {@code record at offset 30 cut short}. */
    public String describe() {
        String what = switch (reason) {
            case LENGTH_CUT -> "length of the record at offset " + offset + " cut short";
            case RECORD_CUT -> "record at offset " + offset + " cut short";
            case GZIP_CUT -> "gzip stream ends without trailer at offset " + offset;
        };
        return gzipCut && reason != Reason.GZIP_CUT ? what + " (gzip stream cut)" : what;
    }
}
