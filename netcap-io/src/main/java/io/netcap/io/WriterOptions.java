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
 * @param blockSize        bytes of records held in memory before they are compressed and written, each block one gzip
 *                         member ({@code -compression-block-size}; {@value #DEFAULT_BLOCK_SIZE} as the original)
 */
public record WriterOptions(boolean compress, int gzipLevel, String inputSource, String version,
                            boolean containsPayloads, long createdNanos, boolean removeEmpty, RecordEncoding encoding,
                            int blockSize) {

    /** Version of the original tool whose container format this writes. */
    public static final String FORMAT_VERSION = "v0.6.11";

    /** The original's default: deflate level 1. */
    public static final int DEFAULT_GZIP_LEVEL = 1;

    /** The original's parallel gzip block size, 1 MiB. */
    public static final int DEFAULT_BLOCK_SIZE = 1 << 20;
    /** The block size's bounds: a block below 4 KiB compresses badly, one above 256 MiB is held twice per type. */
    public static final int MIN_BLOCK_SIZE = 4 << 10;
    public static final int MAX_BLOCK_SIZE = 256 << 20;

    /** Whether {@code bytes} is a block size a writer takes ({@link #MIN_BLOCK_SIZE}..{@link #MAX_BLOCK_SIZE}). */
    public static boolean validBlockSize(long bytes) {
        return bytes >= MIN_BLOCK_SIZE && bytes <= MAX_BLOCK_SIZE;
    }

    /** The audit record container. */
    public WriterOptions(boolean compress, int gzipLevel, String inputSource, String version, boolean containsPayloads,
                         long createdNanos, boolean removeEmpty) {
        this(compress, gzipLevel, inputSource, version, containsPayloads, createdNanos, removeEmpty, RecordEncoding.PROTO);
    }

    /** As the canonical constructor, with the original's block size. */
    public WriterOptions(boolean compress, int gzipLevel, String inputSource, String version, boolean containsPayloads,
                         long createdNanos, boolean removeEmpty, RecordEncoding encoding) {
        this(compress, gzipLevel, inputSource, version, containsPayloads, createdNanos, removeEmpty, encoding,
                DEFAULT_BLOCK_SIZE);
    }

    public WriterOptions {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(inputSource, "inputSource");
        Objects.requireNonNull(version, "version");
        if (gzipLevel < -1 || gzipLevel > 9) {
            throw new IllegalArgumentException("gzip level must be -1..9, got " + gzipLevel);
        }
        if (!validBlockSize(blockSize)) {
            throw new IllegalArgumentException("block size must be " + MIN_BLOCK_SIZE + ".." + MAX_BLOCK_SIZE + ", got "
                    + blockSize);
        }
    }

    /** Compressed at level 1, version {@link #FORMAT_VERSION}, no payloads, created now, empty files removed. */
    public static WriterOptions defaults(String inputSource) {
        return new WriterOptions(true, DEFAULT_GZIP_LEVEL, inputSource, FORMAT_VERSION, false, nowNanos(), true);
    }

    public WriterOptions withCompress(boolean compress) {
        return new WriterOptions(compress, gzipLevel, inputSource, version, containsPayloads, createdNanos, removeEmpty,
                encoding, blockSize);
    }

    public WriterOptions withGzipLevel(int gzipLevel) {
        return new WriterOptions(compress, gzipLevel, inputSource, version, containsPayloads, createdNanos, removeEmpty,
                encoding, blockSize);
    }

    public WriterOptions withContainsPayloads(boolean containsPayloads) {
        return new WriterOptions(compress, gzipLevel, inputSource, version, containsPayloads, createdNanos, removeEmpty,
                encoding, blockSize);
    }

    public WriterOptions withCreatedNanos(long createdNanos) {
        return new WriterOptions(compress, gzipLevel, inputSource, version, containsPayloads, createdNanos, removeEmpty,
                encoding, blockSize);
    }

    public WriterOptions withRemoveEmpty(boolean removeEmpty) {
        return new WriterOptions(compress, gzipLevel, inputSource, version, containsPayloads, createdNanos, removeEmpty,
                encoding, blockSize);
    }

    public WriterOptions withEncoding(RecordEncoding encoding) {
        return new WriterOptions(compress, gzipLevel, inputSource, version, containsPayloads, createdNanos, removeEmpty,
                encoding, blockSize);
    }

    public WriterOptions withBlockSize(int bytes) {
        return new WriterOptions(compress, gzipLevel, inputSource, version, containsPayloads, createdNanos, removeEmpty,
                encoding, bytes);
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
