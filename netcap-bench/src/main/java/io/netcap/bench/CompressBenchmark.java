package io.netcap.bench;

import io.netcap.io.GzipBlockCompressor;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Compression of record data in 1 MiB blocks, as {@code RecordWriter} hands them over: the JDK's zlib
 * and libdeflate (both as gzip members, through {@link GzipBlockCompressor}) and, for comparison
 * only, zstd (a frame per block through {@code ZSTD_compressCCtx}; no file format uses it).
 *
 * <p>Input: every {@code *.ncap} in the directory named by system property {@code netcap.bench.records}
 * (plain record files, e.g. from {@code net capture -compress=false}); each file is cut into blocks
 * on its own. Quick timing without JMH: {@code java --enable-native-access=ALL-UNNAMED -cp
 * benchmarks.jar io.netcap.bench.CompressBenchmark DIR [rounds]} prints MB/s (of input) and ratio
 * (output / input) per method, rounds alternating between the methods.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
public class CompressBenchmark {
    static final int BLOCK = 1 << 20;

    @Param({"jdk-1", "jdk-6", "libdeflate-1", "libdeflate-6", "zstd-1", "zstd-3"})
    public String method;

    private List<byte[]> blocks;
    private BlockCompressor compressor;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        String dir = System.getProperty("netcap.bench.records");
        if (dir == null) {
            throw new IllegalStateException("set -Dnetcap.bench.records=<directory of .ncap files>");
        }
        blocks = blocks(Path.of(dir));
        compressor = BlockCompressor.of(method);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        compressor.close();
    }

    /** One pass over all blocks; returns the compressed size so nothing is optimised away. */
    @Benchmark
    public long compressAll() throws IOException {
        long out = 0;
        for (byte[] b : blocks) {
            out += compressor.compress(b);
        }
        return out;
    }

    /** The blocks of every {@code *.ncap} file in {@code dir}, 1 MiB each except the last of a file. */
    static List<byte[]> blocks(Path dir) throws IOException {
        List<byte[]> blocks = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ncap")).sorted().toList()) {
                byte[] data = Files.readAllBytes(f);
                for (int off = 0; off < data.length; off += BLOCK) {
                    blocks.add(Arrays.copyOfRange(data, off, Math.min(data.length, off + BLOCK)));
                }
            }
        }
        if (blocks.isEmpty()) {
            throw new IOException("no .ncap files in " + dir);
        }
        return blocks;
    }

    public static void main(String[] args) throws Exception {
        List<byte[]> blocks = blocks(Path.of(args[0]));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String[] methods = args.length > 2 ? args[2].split(",")
                : new String[] {"jdk-1", "jdk-6", "libdeflate-1", "libdeflate-6", "zstd-1", "zstd-3"};
        long in = blocks.stream().mapToLong(b -> b.length).sum();
        System.out.printf(Locale.ROOT, "%d blocks, %.1f MB of record data%n", blocks.size(), in / 1e6);
        BlockCompressor[] cs = new BlockCompressor[methods.length];
        for (int m = 0; m < methods.length; m++) {
            cs[m] = BlockCompressor.of(methods[m]);
        }
        double[][] rates = new double[methods.length][rounds];
        long[] outSize = new long[methods.length];
        for (BlockCompressor c : cs) {
            for (byte[] b : blocks.subList(0, Math.min(20, blocks.size()))) {
                c.compress(b); // warm-up
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (int m = 0; m < methods.length; m++) {
                long t0 = System.nanoTime();
                long out = 0;
                for (byte[] b : blocks) {
                    out += cs[m].compress(b);
                }
                long t1 = System.nanoTime();
                rates[m][r] = in / 1e6 / ((t1 - t0) / 1e9);
                outSize[m] = out;
            }
        }
        System.out.println("method          MB/s(median)  MB/s(best)  ratio");
        for (int m = 0; m < methods.length; m++) {
            double[] s = rates[m].clone();
            Arrays.sort(s);
            System.out.printf(Locale.ROOT, "%-14s %12.1f %11.1f  %.4f%n", methods[m], s[s.length / 2], s[s.length - 1],
                    (double) outSize[m] / in);
            cs[m].close();
        }
    }

    /** One compressor, named {@code <kind>-<level>}; returns the compressed size of a block. */
    interface BlockCompressor extends AutoCloseable {
        long compress(byte[] block) throws IOException;

        @Override
        void close();

        static BlockCompressor of(String method) {
            int dash = method.lastIndexOf('-');
            String kind = method.substring(0, dash);
            int level = Integer.parseInt(method.substring(dash + 1));
            return switch (kind) {
                case "jdk" -> gzip(GzipBlockCompressor.jdk(level));
                case "libdeflate" -> gzip(GzipBlockCompressor.libdeflate(level).orElseThrow(() ->
                        new IllegalStateException(GzipBlockCompressor.libdeflateProblem().orElse("libdeflate missing"))));
                case "zstd" -> new Zstd(level);
                default -> throw new IllegalArgumentException(method);
            };
        }

        private static BlockCompressor gzip(GzipBlockCompressor c) {
            return new BlockCompressor() {
                @Override
                public long compress(byte[] block) throws IOException {
                    return c.compress(block, 0, block.length).remaining();
                }

                @Override
                public void close() {
                    c.close();
                }
            };
        }
    }

    /** zstd through FFM, the same way libdeflate is used: copy into native memory, one context reused. */
    static final class Zstd implements BlockCompressor {
        private static final Linker LINKER = Linker.nativeLinker();
        private static final SymbolLookup LIB = SymbolLookup.libraryLookup("libzstd.so.1", Arena.global());
        private static final MethodHandle CREATE = handle("ZSTD_createCCtx", FunctionDescriptor.of(ValueLayout.ADDRESS));
        private static final MethodHandle FREE = handle("ZSTD_freeCCtx",
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
        private static final MethodHandle BOUND = handle("ZSTD_compressBound",
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
        private static final MethodHandle IS_ERROR = handle("ZSTD_isError",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
        /** size_t ZSTD_compressCCtx(ZSTD_CCtx*, void* dst, size_t dstCapacity, const void* src, size_t srcSize, int level) */
        private static final MethodHandle COMPRESS = handle("ZSTD_compressCCtx", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS,
                ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));

        private final int level;
        private final Arena arena = Arena.ofShared();
        private final MemorySegment cctx;
        private final MemorySegment in;
        private final MemorySegment out;

        Zstd(int level) {
            this.level = level;
            try {
                cctx = (MemorySegment) CREATE.invokeExact();
                in = arena.allocate(BLOCK);
                out = arena.allocate((long) BOUND.invokeExact((long) BLOCK));
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        private static MethodHandle handle(String name, FunctionDescriptor fd) {
            return LINKER.downcallHandle(LIB.find(name).orElseThrow(), fd);
        }

        @Override
        public long compress(byte[] block) throws IOException {
            MemorySegment.copy(block, 0, in, ValueLayout.JAVA_BYTE, 0, block.length);
            try {
                long n = (long) COMPRESS.invokeExact(cctx, out, out.byteSize(), in, (long) block.length, level);
                if ((int) IS_ERROR.invokeExact(n) != 0) {
                    throw new IOException("ZSTD_compressCCtx failed: " + n);
                }
                return n;
            } catch (IOException e) {
                throw e;
            } catch (Throwable t) {
                throw new IOException(t);
            }
        }

        @Override
        public void close() {
            try {
                long ignored = (long) FREE.invokeExact(cctx);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            arena.close();
        }
    }
}
