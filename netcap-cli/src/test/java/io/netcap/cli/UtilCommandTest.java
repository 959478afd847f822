package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.io.RecordWriter;
import io.netcap.io.WriterOptions;
import io.netcap.types.RecordType;
import io.netcap.types.TCP;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UtilCommandTest {
    @TempDir
    Path dir;

    /** {@code diff <(net util -schema) records.tsv} shows nothing but the declared extensions. */
    @Test
    void schemaMatchesRecordsTsv() throws IOException {
        String shared = System.getProperty("netcap.shared");
        Path tsv = shared != null && Files.exists(Path.of(shared, "spec", "records.tsv"))
                ? Path.of(shared, "spec", "records.tsv")
                : Path.of("..", "netcap-types", "src", "test", "resources", "records.tsv");
        List<String> expected = Files.readAllLines(tsv);
        Run r = Run.net("util", "-schema");
        assertThat(r.status()).isZero();
        Set<String> original = new LinkedHashSet<>(expected);
        List<String> printed = r.lines();
        assertThat(printed.stream().filter(original::contains).toList()).isEqualTo(expected);
        // additions (docs/schema-extensions.md): fields, and the messages and Type values of new record types
        assertThat(printed.stream().filter(l -> !original.contains(l)))
                .allSatisfy(l -> assertThat(l).matches("(field|message)\t.*|enum\tType\tNC_\\w+\t.*"));
    }

    /**
     * {@code -check} reads one file: a record file, or CSV/TSV as written by {@code dump -csv} or gzipped by
     * {@code capture -csv}; anything else is named as such in one line, a directory too (it was a stack trace).
     */
    @Test
    void checkTakesRecordAndCsvFilesAndNamesAnythingElse(@TempDir Path tmp) throws IOException {
        Path sample = Path.of("..", "samples", "http-get-gzip.pcap");
        assertThat(CaptureCommandTest.capture(Map.of(), "-read", sample.toString(), "-out", tmp.resolve("recs").toString(),
                "-quiet").status()).isZero();
        assertThat(CaptureCommandTest.capture(Map.of(), "-read", sample.toString(), "-out", tmp.resolve("csv").toString(),
                "-quiet", "-csv").status()).isZero();
        Run records = Run.net("util", "-read", tmp.resolve("recs/TCP.ncap.gz").toString(), "-check");
        assertThat(records.status()).as(records.err()).isZero();
        assertThat(records.out()).contains("checked 14 records, 0 not valid CSV");
        Run gzipped = Run.net("util", "-read", tmp.resolve("csv/TCP.csv.gz").toString(), "-check");
        assertThat(gzipped.status()).as(gzipped.err()).isZero();
        assertThat(gzipped.out()).contains("checked 14 records, 0 not valid CSV");
        Run dir = Run.net("util", "-read", tmp.resolve("recs").toString(), "-check");
        assertThat(dir.status()).isEqualTo(1);
        assertThat(dir.err()).startsWith("-read " + tmp.resolve("recs") + ": a directory;").doesNotContain("\tat ");
        Run pcap = Run.net("util", "-read", sample.toString(), "-check");
        assertThat(pcap.status()).isEqualTo(1);
        assertThat(pcap.err()).isEqualTo("not an audit record file (.ncap or .ncap.gz) nor a .csv or .tsv file: " + sample
                + "\n");
    }

    @Test
    void legacyTimestamps() {
        assertThat(Run.net("util", "-ts2utc", "1499254962.234259").lines())
                .containsExactly("2017-07-05 11:42:42.234259 +0000 UTC");
        // the legacy encoder did not pad the microseconds: ".5" is 5 µs
        assertThat(Run.net("util", "-ts2utc=1.5").lines()).containsExactly("1970-01-01 00:00:01.000005 +0000 UTC");
    }

    /** Issue 16, item 6: a value that is not seconds.microseconds fails with one line naming it. */
    @Test
    void badLegacyTimestampFails() {
        for (String bad : new String[] {"abc", "1499254962", "1.2.3", "1.x", "-"}) {
            Run r = Run.net("util", "-ts2utc", bad);
            assertThat(r.status()).as(bad).isEqualTo(1);
            assertThat(r.out()).as(bad).isEmpty();
            assertThat(r.err().lines().toList()).as(bad).containsExactly(
                    "invalid -ts2utc value " + bad + ": want seconds.microseconds, e.g. 1499254962.234259");
        }
    }

    @Test
    void environmentListing() {
        CommandLine cmd = new CommandLine(new UtilCommand(Map.of("NC_B", "2", "PATH", "/bin", "NC_A", "")));
        StringWriter out = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        assertThat(cmd.execute("-env")).isZero();
        assertThat(out.toString().lines()).containsExactly("NC_A=", "NC_B=2");
    }

    /** Issue 16, item 6: no NC_ variable is said on stderr, not left as silence. */
    @Test
    void environmentListingWithoutVariablesSaysSo() {
        CommandLine cmd = new CommandLine(new UtilCommand(Map.of("PATH", "/bin")));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        assertThat(cmd.execute("-env")).isZero();
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).containsExactly("no NC_ variables set");
    }

    @Test
    void checkOfACsvFile() throws IOException {
        Path csv = Files.writeString(dir.resolve("x.csv"), "a,b,c\n1,2,3\n1,2,3,4\n5,6,7\n1;2\n");
        Run r = Run.net("util", "-read", csv.toString(), "-check");
        assertThat(r.status()).isEqualTo(1);
        // issue 16, item 6: no terminal here (System.console() is null or not a terminal), so no ANSI colours
        assertThat(UtilCommand.terminal()).isFalse();
        assertThat(r.out()).doesNotContain("\u001b");
        assertThat(r.lines()).containsExactly(
                "line 3: 4 fields: 1,2,3,4",
                "line 5: 1 fields: 1;2",
                "checked 4 records, 2 not valid CSV or with a wrong number of fields (expected 3)");
        Run semi = Run.net("util", "-read", csv.toString(), "-check", "-sep", ";");
        assertThat(semi.lines().getLast())
                .isEqualTo("checked 4 records, 1 not valid CSV or with a wrong number of fields (expected 1)");
    }

    /** Issue 16, item 4: quoted fields may hold the separator, quotes and line breaks (RFC 4180). */
    @Test
    void checkReadsQuotedFieldsAsRfc4180() throws IOException {
        Path ok = Files.writeString(dir.resolve("ok.csv"), "a,b\n\"x,y\",2\n\"say \"\"hi\"\"\",3\r\n\"two\nlines\",4\n");
        Run r = Run.net("util", "-read", ok.toString(), "-check");
        assertThat(r.status()).isZero();
        assertThat(r.lines()).containsExactly("checked 3 records, 0 not valid CSV or with a wrong number of fields (expected 2)");
        assertThat(r.err()).isEmpty();
        Path bad = Files.writeString(dir.resolve("bad.csv"), "a,b\n\"x\"y,2\nx\"y,3\n\"open,4");
        Run b = Run.net("util", "-read", bad.toString(), "-check");
        assertThat(b.status()).isEqualTo(1);
        assertThat(b.lines()).containsExactly(
                "line 2: text after a closing quote: xy,2",
                "line 3: a quote inside an unquoted field: x\"y,3",
                "line 4: end of input inside a quoted field: open,4",
                "checked 3 records, 3 not valid CSV or with a wrong number of fields (expected 2)");
    }

    @Test
    void checkOfAnAuditRecordFile() throws IOException {
        Path f;
        try (RecordWriter w = RecordWriter.create(dir, RecordType.TCP, WriterOptions.defaults("x"))) {
            w.write(TCP.newBuilder().setSrcIP("10.0.0.1").build());
            w.write(TCP.newBuilder().setSrcIP("a,b\"c\nd").build()); // a separator, a quote, a newline
            f = w.path();
        }
        Run r = Run.net("util", "-read", f.toString(), "-check");
        assertThat(r.status()).isZero();
        assertThat(r.lines()).containsExactly("checked 2 records, 0 not valid CSV or with a wrong number of fields (expected 23)");
    }

    @Test
    void helpAndNoAction() {
        assertThat(Run.net("util", "-h").status()).isZero();
        Run none = Run.net("util");
        assertThat(none.status()).isZero();
        assertThat(none.out()).contains("-ts2utc");
    }
}
