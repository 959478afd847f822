package io.netcap.bench;

import com.google.protobuf.Message;
import io.netcap.io.RecordReader;
import io.netcap.types.RecordType;
import io.netcap.types.format.CsvFormat;
import io.netcap.types.format.CsvStyle;
import io.netcap.types.format.JsonFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Records rendered as text, one after another into a reused buffer: CSV rows from the parsed records ({@code csv},
 * {@link CsvFormat#appendRow}, integer timestamps, as {@code net dump -csv} and the labeled files once rendered them),
 * the same rows from the records' wire bytes ({@code csvFromWire}, as {@code capture -csv} renders them), and JSON
 * lines as {@code net dump -json} writes them. Records: the first 200,000 of the record file named by system property
 * {@code netcap.bench.records}. Score: rows per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class RowBenchmark {
    private static final int MAX_RECORDS = 200_000;

    private final List<Message> records = new ArrayList<>();
    private final List<byte[]> encoded = new ArrayList<>();
    private CsvFormat format;
    private CsvFormat.WireRows wire;
    private int[] columns;
    private final StringBuilder row = new StringBuilder(1024);
    private int next;

    @Setup
    public void load() throws Exception {
        Path file = Path.of(System.getProperty("netcap.bench.records", "TCP.ncap.gz"));
        try (RecordReader r = RecordReader.open(file)) {
            for (Message m = r.next(); m != null && records.size() < MAX_RECORDS; m = r.next()) {
                records.add(m);
                encoded.add(m.toByteArray());
            }
        }
        String name = file.getFileName().toString();
        format = CsvFormat.of(RecordType.byName(name.substring(0, name.indexOf('.'))).orElseThrow());
        columns = format.dumpSelection();
        wire = format.wireRows();
    }

    @Benchmark
    public int csv() {
        row.setLength(0);
        format.appendRow(records.get(next), CsvStyle.raw(), ",", columns, row);
        next = next + 1 == records.size() ? 0 : next + 1;
        return row.length();
    }

    /** The same rows from the records' wire bytes, as {@code capture -csv} renders them ({@link CsvFormat.WireRows}). */
    @Benchmark
    public int csvFromWire() throws Exception {
        row.setLength(0);
        byte[] b = encoded.get(next);
        wire.appendRow(b, 0, b.length, CsvStyle.raw(), ",", columns, row);
        next = next + 1 == records.size() ? 0 : next + 1;
        return row.length();
    }

    @Benchmark
    public int json() {
        row.setLength(0);
        JsonFormat.dump().append(row, records.get(next));
        next = next + 1 == records.size() ? 0 : next + 1;
        return row.length();
    }
}
