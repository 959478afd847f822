package io.netcap.io;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The two functions of ISA-L's igzip that one-shot gzip members need, bound through the FFM API, and
 * the layout of {@code struct isal_zstream} they work on. Looked up once; when the library is absent
 * (or native access is denied) the writer uses libdeflate or the JDK's zlib instead, so this never
 * fails loudly.
 *
 * <p>Offsets and sizes are those of {@code isa-l/igzip_lib.h} of ISA-L 2.30 on x86-64 (LP64), where
 * {@code sizeof(struct isal_zstream)} is 82384 and its alignment 8; the public fields before
 * {@code internal_state} have kept this layout since ISA-L 2.19, and only they are written here.
 */
final class Isal {
    /** Debian's runtime soname ({@code libisal2}) first; the bare name comes with the -dev package. */
    private static final String[] SONAMES = {"libisal.so.2", "libisal.so"};

    /** {@code sizeof(struct isal_zstream)}: the public fields, then {@code struct isal_zstate internal_state} at 64. */
    static final long STREAM_SIZE = 82_384;
    /** {@code uint8_t *next_in} */
    static final long NEXT_IN = 0;
    /** {@code uint32_t avail_in} */
    static final long AVAIL_IN = 8;
    /** {@code uint8_t *next_out} */
    static final long NEXT_OUT = 16;
    /** {@code uint32_t avail_out} */
    static final long AVAIL_OUT = 24;
    /** {@code uint32_t total_out} */
    static final long TOTAL_OUT = 28;
    /** {@code uint32_t level} */
    static final long LEVEL = 40;
    /** {@code uint32_t level_buf_size} */
    static final long LEVEL_BUF_SIZE = 44;
    /** {@code uint8_t *level_buf} */
    static final long LEVEL_BUF = 48;
    /** {@code uint16_t end_of_stream} */
    static final long END_OF_STREAM = 56;
    /** {@code uint16_t gzip_flag} */
    static final long GZIP_FLAG = 60;

    /** {@code ISAL_DEF_LVL1_DEFAULT}: the level buffer igzip suggests for level 1 (4 KiB + 2 x 8 Ki hash + 64 Ki tokens x 4). */
    static final int LVL1_DEFAULT = 282_624;
    /** {@code IGZIP_GZIP_NO_HDR}: igzip writes the CRC-32 and ISIZE trailer, we write the header. */
    static final short GZIP_NO_HDR = 2;
    /** {@code COMP_OK} */
    static final int COMP_OK = 0;
    /** Stored blocks, igzip's own fallback when the output buffer is too small for the compressed data. */
    static final int STORED_BLOCK_MAX = 65_535;
    static final int STORED_BLOCK_HEADER = 5;

    private static final OptionalLibrary<Isal> LOADED =
            OptionalLibrary.load(Isal.class, "libisal", SONAMES, Isal::new,
                    "gzip level 1 goes through libdeflate or java.util.zip");

    /** {@code void isal_deflate_stateless_init(struct isal_zstream *stream)} */
    final MethodHandle statelessInit;
    /** {@code int isal_deflate_stateless(struct isal_zstream *stream)} */
    final MethodHandle stateless;

    private Isal(SymbolLookup lib) {
        var ptr = ValueLayout.ADDRESS;
        statelessInit = OptionalLibrary.bind(lib, "isal_deflate_stateless_init", FunctionDescriptor.ofVoid(ptr));
        // Not a critical call, for the same reason as libdeflate's: a block takes about a millisecond,
        // and a thread inside a critical call would hold up every safepoint until it returns.
        stateless = OptionalLibrary.bind(lib, "isal_deflate_stateless", FunctionDescriptor.of(ValueLayout.JAVA_INT, ptr));
    }

    /**
     * Output space that always suffices for {@code len} bytes: when the compressed data would not fit,
     * {@code isal_deflate_stateless} writes stored blocks of at most 65535 bytes, 5 bytes of header
     * each (one empty block for no input), and the 8-byte trailer.
     */
    static long deflateBound(long len) {
        long blocks = Math.max(1, (len + STORED_BLOCK_MAX - 1) / STORED_BLOCK_MAX);
        return len + blocks * STORED_BLOCK_HEADER + JdkGzipCompressor.TRAILER_SIZE;
    }

    /** The library, when it loaded. */
    static Optional<Isal> get() {
        return LOADED.library();
    }

    /** Why it did not load. */
    static Optional<String> problem() {
        return LOADED.problem();
    }
}
