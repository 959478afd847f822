package io.netcap.decoder.stream.files;

/**
 * Where stream parsers hand the bodies they extract (docs/streams.md, "File extraction"). A body is written as
 * it arrives, already de-chunked and content-decoded, so memory does not grow with file size.
 */
public interface FileExtraction {
    /** Extraction is off: every body is discarded. */
    FileExtraction OFF = origin -> null;

    /** A sink for the decoded bytes of one body, or null when this body is not extracted. */
    BodySink open(FileOrigin origin);

    /** The decoded bytes of one body; {@link #close} writes its File record(s). */
    interface BodySink {
        void write(byte[] b, int off, int len);

        /** The body ended; {@code complete} is false when it was cut (gap, connection end, cap). */
        void close(boolean complete);
    }
}
