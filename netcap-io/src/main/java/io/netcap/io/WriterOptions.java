package io.netcap.io;

import io.netcap.types.Header;
import io.netcap.types.RecordType;
import java.time.Instant;
import java.util.Objects;

/**
 * How a {@link RecordWriter} writes its file.
 *
 * @param compress         gzip the stream ({@code <Name>.ncap.gz}) or not ({@code <Name>.ncap})
 * @param gzipLevel        deflate level, 0 (stored) to 9, or -1 for zlib's default; the original's
 *                         default is 1 ("best speed")
 * @param inputSource      {@code Header.InputSource}: the capture file as typed, or the interface
 * @param version          {@code Header.Version}: version string of the producing tool
 * @param containsPayloads {@code Header.ContainsPayloads}
 * @param createdNanos     {@code Header.Created}, nanoseconds since the Unix epoch
 * @param removeEmpty      delete the file on close when no record (besides the header) was written
 * @param encoding         the container (the default), CSV or JSON lines
 */
public record WriterOptions(boolean compress, int gzipLevel, String inputSource, String version,
                            boolean containsPayloads, long createdNanos, boolean removeEmpty, RecordEncoding encoding) {

    /** Version of the original tool whose container format this writes. */
    public static final String FORMAT_VERSION = "v0.6.11";

    /** The original's default: deflate level 1. */
    public static final int DEFAULT_GZIP_LEVEL = 1;

    /** The audit record container. */
    public WriterOptions(boolean compress, int gzipLevel, String inputSource, String version, boolean containsPayloads,
                         long createdNanos, boolean removeEmpty) {
        this(compress, gzipLevel, inputSource, version, containsPayloads, createdNanos, removeEmpty, RecordEncoding.PROTO);
    }

    public WriterOptions {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(inputSource, "inputSource");
        Objects.requireNonNull(version, "version");
        if (gzipLevel < -1 || gzipLevel > 9) {
            throw new IllegalArgumentException("gzip level must be -1..9, got " + gzipLevel);
        }
    }

    /** Compressed at level 1, version {@link #FORMAT_VERSION}, no payloads, created now, empty files removed. */
    public static WriterOptions defaults(String inputSource) {
        return new WriterOptions(true, DEFAULT_GZIP_LEVEL, inputSource, FORMAT_VERSION, false, nowNanos(), true);
    }

    public WriterOptions withCompress(boolean compress) {
        return new WriterOptions(compress, gzipLevel, inputSource, version, containsPayloads, createdNanos, removeEmpty,
                encoding);
    }

    public WriterOptions withGzipLevel(int gzipLevel) {
        return new WriterOptions(compress, gzipLevel, inputSource, version, containsPayloads, createdNanos, removeEmpty,
                encoding);
    }

    public WriterOptions withContainsPayloads(boolean containsPayloads) {
        return new WriterOptions(compress, gzipLevel, inputSource, version, containsPayloads, createdNanos, removeEmpty,
                encoding);
    }

    public WriterOptions withCreatedNanos(long createdNanos) {
        return new WriterOptions(compress, gzipLevel, inputSource, version, containsPayloads, createdNanos, removeEmpty,
                encoding);
    }

    public WriterOptions withRemoveEmpty(boolean removeEmpty) {
        return new WriterOptions(compress, gzipLevel, inputSource, version, containsPayloads, createdNanos, removeEmpty,
                encoding);
    }

    public WriterOptions withEncoding(RecordEncoding encoding) {
        return new WriterOptions(compress, gzipLevel, inputSource, version, containsPayloads, createdNanos, removeEmpty,
                encoding);
    }

    /** The file name a writer of {@code baseName} uses with these options. */
    public String fileName(String baseName) {
        return encoding.fileName(baseName, compress);
    }

    /** The {@code Header} record a file of {@code type} starts with under these options. */
    public Header header(RecordType type) {
        return Header.newBuilder()
                .setCreated(createdNanos)
                .setInputSource(inputSource)
                .setType(type.type())
                .setVersion(version)
                .setContainsPayloads(containsPayloads)
                .build();
    }

    static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
