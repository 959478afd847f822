package io.netcap.bench;

import io.netcap.io.RecordReader;
import io.netcap.io.RecordWriter;
import io.netcap.io.WriterOptions;
import io.netcap.parquet.ParquetRecordWriter;
import io.netcap.types.RecordType;
import io.netcap.types.TCP;
import io.netcap.types.TCPOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code net dump -parquet} without the command around it: a {@code TCP.ncap.gz} of {@link #RECORDS}
 * records shaped like those of {@code net capture} (most with the NOP, NOP, timestamps options; payload
 * sizes but, as without {@code -payload}, no payload bytes) converted to Parquet, reading thread and
 * writing thread as the command runs them; the score is records per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED"})
public class ParquetBenchmark {
    static final int RECORDS = 500_000;

    private Path dir;
    private Path records;

    @Setup(Level.Trial)
    public void write() throws IOException {
        dir = Files.createTempDirectory("parquet-bench");
        var rnd = new SplittableRandom(42);
        long ts = 1_600_000_000_000_000_000L;
        TCPOption nop = TCPOption.newBuilder().setOptionType(1).setOptionLength(1).build();
        try (var w = RecordWriter.create(dir, RecordType.TCP, WriterOptions.defaults("synthetic"))) {
            for (int i = 0; i < RECORDS; i++) {
                ts += rnd.nextInt(1, 5_000) * 1000L;
                int payload = rnd.nextInt(4) == 0 ? rnd.nextInt(0, 1460) : 0;
                var b = TCP.newBuilder().setTimestamp(ts)
                        .setSrcPort(rnd.nextInt(1, 65536)).setDstPort(rnd.nextBoolean() ? 443 : 80)
                        .setSeqNum(rnd.nextInt()).setAckNum(rnd.nextInt()).setDataOffset(8)
                        .setACK(true).setPSH(payload > 0).setWindow(rnd.nextInt(0, 65536)).setChecksum(rnd.nextInt(0, 65536))
                        .setPayloadEntropy(payload == 0 ? 0 : 7 + rnd.nextDouble()).setPayloadSize(payload)
                        .setSrcIP("10.0." + rnd.nextInt(256) + "." + rnd.nextInt(1, 255)).setDstIP("192.168.1." + rnd.nextInt(1, 255));
                if (rnd.nextInt(10) != 0) {
                    byte[] stamps = new byte[8];
                    rnd.nextBytes(stamps);
                    b.addOptions(nop).addOptions(nop).addOptions(TCPOption.newBuilder().setOptionType(8).setOptionLength(10)
                            .setOptionData(com.google.protobuf.ByteString.copyFrom(stamps)));
                }
                w.write(b.build());
            }
            records = w.path();
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long convert() throws IOException {
        try (RecordReader in = RecordReader.open(records);
                ParquetRecordWriter out = ParquetRecordWriter.create(dir.resolve("TCP.parquet"), RecordType.TCP.descriptor())) {
            long rows = out.writeAll(in);
            out.commit();
            return rows;
        }
    }
}
