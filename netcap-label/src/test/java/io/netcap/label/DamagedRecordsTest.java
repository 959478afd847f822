package io.netcap.label;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.io.RecordWriter;
import io.netcap.io.WriterOptions;
import io.netcap.types.RecordType;
import io.netcap.types.TCP;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Record files cut short or damaged: what can be read is labeled, and the damage is named with its offset. */
class DamagedRecordsTest {
    private static final int RECORDS = 2000;

    @TempDir
    Path tmp;

    /** 2000 TCP records one millisecond apart; an alert on the first (time 1600000000.000000). */
    private Path write(boolean compress) throws Exception {
        Path dir = tmp.resolve(compress ? "gz" : "plain");
        WriterOptions o = WriterOptions.defaults("test");
        try (RecordWriter w = RecordWriter.create(dir, RecordType.TCP, compress ? o : o.withCompress(false))) {
            for (int i = 0; i < RECORDS; i++) {
                w.write(TCP.newBuilder().setTimestamp(1_600_000_000_000_000_000L + i * 1_000_000L).setSrcPort(1000 + i % 7)
                        .setDstPort(80).setSrcIP("10.0.0.1").setDstIP("10.0.0.2").build());
            }
        }
        return dir;
    }

    private static LabelSummary label(Path dir) throws Exception {
        AlertFile alerts = FastLog.read(new StringReader(
                "09/13/2020-12:26:40.000000  [**] [1:1:1] x [**] [Classification: c] [Priority: 1] {TCP} 10.0.0.1:1000 -> 10.0.0.2:80\n"),
                "fast.log", ZoneOffset.UTC);
        assertThat(alerts.alerts()).hasSize(1);
        return LabelRun.run(List.of(alerts), dir, dir, LabelOptions.defaults());
    }

    @Test
    void gzipCutInTheMiddle() throws Exception {
        Path dir = write(true);
        Path file = dir.resolve("TCP.ncap.gz");
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length / 2));
        FileLabels f = label(dir).files().getFirst();
        assertThat(f.records()).isPositive().isLessThan(RECORDS);
        assertThat(f.damage()).contains("offset");
        assertThat(f.perLabel()).containsEntry("c", 1L);
        assertThat(Files.readAllLines(dir.resolve("TCP_labeled.csv"))).hasSize((int) f.records() + 1);
    }

    @Test
    void garbageInsideARecordStream() throws Exception {
        Path dir = write(false);
        Path file = dir.resolve("TCP.ncap");
        byte[] all = Files.readAllBytes(file);
        // a length varint that never ends, a third into the file: corrupt from there on
        Arrays.fill(all, all.length / 3, all.length / 3 + 12, (byte) 0xff);
        Files.write(file, all);
        LabelSummary s = label(dir);
        FileLabels f = s.files().getFirst();
        assertThat(s.damagedFiles()).isEqualTo(1);
        assertThat(f.records()).isPositive().isLessThan(RECORDS);
        assertThat(f.damage()).startsWith("corrupt record at offset ");
        assertThat(Files.readString(dir.resolve("labels.json"))).contains("\"damage\"");
    }
}
