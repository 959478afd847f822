package io.netcap.bench;

import io.netcap.packet.Packet;
import io.netcap.packet.source.PacketSource;
import io.netcap.packet.source.PacketSources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Read rate of the capture readers: one operation reads a whole capture file, touching the first
 * and last byte of every packet. The packets/s and bytes/s counters come out as rates.
 *
 * <p>Input: system properties {@code netcap.bench.pcap} and {@code netcap.bench.pcapng} (e.g. a
 * capture made by the corpus' {@code make-bench-pcap.sh}, and the same converted with
 * {@code editcap -F pcapng}); pass them with {@code -jvmArgsAppend "-Dnetcap.bench.pcap=..."}.
 * Compare with {@code tcpdump -r FILE -w /dev/null} on the same file (libpcap's read floor).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class CaptureReadBenchmark {

    @Param({"pcap", "pcapng"})
    public String format;

    private Path file;

    /** Packets and bytes read, which JMH reports as rates (per second) next to files/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long packets;
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            packets = 0;
            bytes = 0;
        }
    }

    @Setup
    public void locate() {
        String property = "netcap.bench." + format;
        String path = System.getProperty(property);
        if (path == null || !Files.isReadable(Path.of(path))) {
            throw new IllegalStateException("set -D" + property + "=<capture file> (see the class comment)");
        }
        file = Path.of(path);
    }

    @Benchmark
    public long readAll(Counters counters) throws IOException {
        long checksum = 0;
        long packets = 0;
        long bytes = 0;
        try (PacketSource source = PacketSources.open(file)) {
            Packet p;
            while ((p = source.next()) != null) {
                packets++;
                int len = p.capturedLength();
                bytes += len;
                if (len > 0) {
                    byte[] b = p.buffer();
                    checksum += b[p.offset()] + b[p.offset() + len - 1];
                }
            }
        }
        counters.packets += packets;
        counters.bytes += bytes;
        return checksum;
    }
}
