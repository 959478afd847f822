package io.netcap.io;

import java.io.IOException;

/**
 * A record file is damaged in a way other than being cut short at the end: a malformed length
 * varint, a length above the sanity bound, a record that does not parse, or a header that is not a
 * {@code Header} naming a known record type. The message names the file and the offset.
 */
public final class CorruptRecordException extends IOException {
    private final String file;
    private final long offset;

    public CorruptRecordException(String file, long offset, String detail, Throwable cause) {
        super(file + ": corrupt record at offset " + offset + ": " + detail, cause);
        this.file = file;
        this.offset = offset;
    }

    public CorruptRecordException(String file, long offset, String detail) {
        this(file, offset, detail, null);
    }

    /** The file (or stream name) the record was read from. */
    public String file() { return file; }

    /**
     * Offset in the decompressed stream of the start of the damaged record; for damaged gzip data,
     * the number of bytes that could be inflated before it.
     */
    public long offset() { return offset; }
}
