package io.netcap.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns one block of the record stream into one complete gzip member (RFC 1952 section 2.2: a gzip
 * file is a series of members). A file made of such members decompresses to the concatenation of
 * the blocks with every standard reader: Go's {@code compress/gzip} (multistream by default),
 * {@code gzip -d}, {@code zcat}, Python, {@link RecordReader}.
 *
 * <p>All implementations write the same member framing: the 10-byte header {@code 1f 8b 08 00},
 * MTIME 0, XFL, OS 255 (unknown), no optional fields; raw deflate data; CRC-32 and ISIZE.
 *
 * <p>Not thread-safe: one compressor per writer, used under the writer's lock; {@link #close()}
 * releases native memory.
 */
public sealed interface GzipBlockCompressor extends AutoCloseable
        permits IsalGzipCompressor, JdkGzipCompressor, LibdeflateGzipCompressor {

    /** System property that forces an implementation: {@code jdk}, {@code libdeflate} or {@code isal}. */
    String PROPERTY = "netcap.gzip";

    /**
     * Compresses {@code in[off .. off+len)} into one gzip member.
     *
     * @return the member, from position 0 to its limit; valid until the next call or {@link #close()}
     */
    ByteBuffer compress(byte[] in, int off, int len) throws IOException;

    /** {@code jdk}, {@code libdeflate} or {@code isal}. */
    String name();

    /** The deflate level as given (-1 = zlib's default, 6). */
    int level();

    @Override
    void close();

    /**
     * The compressor for {@code level} (-1..9): at level 1 ISA-L when it loads, else libdeflate when
     * it loads, else the JDK's zlib, unless {@link #PROPERTY} names one. {@code libdeflate} skips
     * ISA-L; {@code isal} changes nothing at other levels, which ISA-L does not serve. A forced
     * library that cannot load falls back as well. The choice is made per call, so each writer
     * reads the property when it is created.
     */
    static GzipBlockCompressor create(int level) {
        String forced = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        if (level == IsalGzipCompressor.LEVEL && !forced.equals("jdk") && !forced.equals("libdeflate")) {
            Optional<GzipBlockCompressor> fastest = isal(level);
            if (fastest.isPresent()) {
                return fastest.get();
            }
        }
        if (!forced.equals("jdk")) {
            try {
                Optional<GzipBlockCompressor> fast = libdeflate(level);
                if (fast.isPresent()) {
                    return fast.get();
                }
            } catch (IllegalStateException e) {
                // the library loaded but would not allocate a compressor: zlib still works
                System.getLogger(Libdeflate.class.getName()).log(System.Logger.Level.DEBUG, e.getMessage());
            }
        }
        return jdk(level);
    }

    /** The JDK's {@link java.util.zip.Deflater} with our own gzip framing. */
    static GzipBlockCompressor jdk(int level) {
        return new JdkGzipCompressor(level);
    }

    /**
     * libdeflate through the FFM API, or empty when the library is missing or does not load.
     *
     * @throws IllegalStateException when the library cannot allocate a compressor
     */
    static Optional<GzipBlockCompressor> libdeflate(int level) {
        return Libdeflate.get().map(lib -> new LibdeflateGzipCompressor(lib, level));
    }

    /**
     * ISA-L's igzip through the FFM API, or empty when the library is missing or does not load, or
     * when {@code level} is not 1, the one level it serves.
     */
    static Optional<GzipBlockCompressor> isal(int level) {
        if (level != IsalGzipCompressor.LEVEL) {
            return Optional.empty();
        }
        return Isal.get().map(IsalGzipCompressor::new);
    }

    /** The name of the implementation {@link #create} picks now for {@code level}: {@code isal}, {@code libdeflate} or {@code jdk}. */
    static String preferred(int level) {
        try (GzipBlockCompressor c = create(level)) {
            return c.name();
        }
    }

    /** Why libdeflate is not used, or empty when it loads. */
    static Optional<String> libdeflateProblem() {
        return Libdeflate.problem();
    }

    /** Why ISA-L is not used, or empty when it loads. */
    static Optional<String> isalProblem() {
        return Isal.problem();
    }
}
