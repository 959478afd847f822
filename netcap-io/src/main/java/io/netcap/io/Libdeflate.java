package io.netcap.io;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The functions of libdeflate's API that gzip members need, bound through the FFM API: compressing
 * them for the writer, decompressing them for the reader. Looked up once; when the library is absent
 * (or native access is denied) both use the JDK's zlib instead, so this never fails loudly.
 */
final class Libdeflate {
    /** Debian's runtime soname ({@code libdeflate0}) first; the bare name comes with the -dev package. */
    private static final String[] SONAMES = {"libdeflate.so.0", "libdeflate.so"};

    /** Highest level libdeflate accepts; 0 writes stored blocks, as deflate level 0 does. */
    static final int MAX_LEVEL = 12;

    /** Bound on first use, not with the class: {@link Inflate} reads {@link #SONAMES} and binds its own. */
    private static final class Loaded {
        static final OptionalLibrary<Libdeflate> LIBRARY =
                OptionalLibrary.load(Libdeflate.class, "libdeflate", SONAMES, Libdeflate::new,
                        "gzip goes through java.util.zip");
    }

    /** {@code struct libdeflate_compressor *libdeflate_alloc_compressor(int compression_level)} */
    final MethodHandle allocCompressor;
    /** {@code void libdeflate_free_compressor(struct libdeflate_compressor *c)} */
    final MethodHandle freeCompressor;
    /** {@code size_t libdeflate_gzip_compress(c, const void *in, size_t in_nbytes, void *out, size_t out_nbytes_avail)} */
    final MethodHandle gzipCompress;
    /** {@code size_t libdeflate_gzip_compress_bound(c, size_t in_nbytes)} */
    final MethodHandle gzipCompressBound;

    private Libdeflate(SymbolLookup lib) {
        var ptr = ValueLayout.ADDRESS;
        var sizeT = ValueLayout.JAVA_LONG;
        allocCompressor = OptionalLibrary.bind(lib, "libdeflate_alloc_compressor",
                FunctionDescriptor.of(ptr, ValueLayout.JAVA_INT));
        freeCompressor = OptionalLibrary.bind(lib, "libdeflate_free_compressor", FunctionDescriptor.ofVoid(ptr));
        // Not a critical call: compressing a block takes milliseconds, and a thread inside a critical
        // call holds up every safepoint (each young GC) until it returns. Data goes through native buffers.
        gzipCompress = OptionalLibrary.bind(lib, "libdeflate_gzip_compress",
                FunctionDescriptor.of(sizeT, ptr, ptr, sizeT, ptr, sizeT));
        gzipCompressBound = OptionalLibrary.bind(lib, "libdeflate_gzip_compress_bound",
                FunctionDescriptor.of(sizeT, ptr, sizeT), Linker.Option.critical(false));
    }

    /** The library, when it loaded. */
    static Optional<Libdeflate> get() {
        return Loaded.LIBRARY.library();
    }

    /** Why it did not load. */
    static Optional<String> problem() {
        return Loaded.LIBRARY.problem();
    }

    /**
     * The decompression functions, bound on their own: binding a downcall handle takes milliseconds, and a
     * reader needs only these, a writer only the others.
     */
    static final class Inflate {
        private static final OptionalLibrary<Inflate> LOADED =
                OptionalLibrary.load(Inflate.class, "libdeflate", SONAMES, Inflate::new, "gzip is read through java.util.zip");

        /** Results of {@link #gzipDecompress} ({@code enum libdeflate_result}). */
        static final int SUCCESS = 0;
        static final int INSUFFICIENT_SPACE = 3;

        /** {@code struct libdeflate_decompressor *libdeflate_alloc_decompressor(void)} */
        final MethodHandle allocDecompressor;
        /** {@code void libdeflate_free_decompressor(struct libdeflate_decompressor *d)} */
        final MethodHandle freeDecompressor;
        /**
         * {@code enum libdeflate_result libdeflate_gzip_decompress_ex(d, const void *in, size_t in_nbytes, void *out,
         * size_t out_nbytes_avail, size_t *actual_in_nbytes_ret, size_t *actual_out_nbytes_ret)}: one member.
         */
        final MethodHandle gzipDecompress;

        private Inflate(SymbolLookup lib) {
            var ptr = ValueLayout.ADDRESS;
            var sizeT = ValueLayout.JAVA_LONG;
            allocDecompressor = OptionalLibrary.bind(lib, "libdeflate_alloc_decompressor", FunctionDescriptor.of(ptr));
            freeDecompressor = OptionalLibrary.bind(lib, "libdeflate_free_decompressor", FunctionDescriptor.ofVoid(ptr));
            // A critical call on the Java arrays themselves: no copies through native memory. A member (at most
            // a few MiB, most 1 MiB of records) decompresses in about a millisecond, a pause a safepoint can wait.
            gzipDecompress = OptionalLibrary.bind(lib, "libdeflate_gzip_decompress_ex",
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ptr, ptr, sizeT, ptr, sizeT, ptr, ptr), Linker.Option.critical(true));
        }

        /** The functions, when the library loaded. */
        static Optional<Inflate> get() {
            return LOADED.library();
        }
    }
}
