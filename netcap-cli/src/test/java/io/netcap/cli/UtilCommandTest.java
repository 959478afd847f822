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

    @Test
    void legacyTimestamps() {
        assertThat(Run.net("util", "-ts2utc", "1499254962.234259").lines())
                .containsExactly("2017-07-05 11:42:42.234259 +0000 UTC");
        // the legacy encoder did not pad the microseconds: ".5" is 5 µs
        assertThat(Run.net("util", "-ts2utc=1.5").lines()).containsExactly("1970-01-01 00:00:01.000005 +0000 UTC");
        assertThat(Run.net("util", "-ts2utc", "1499254962").lines()).containsExactly("1499254962");
        assertThat(Run.net("util", "-ts2utc", "1.2.3").lines()).containsExactly("1.2.3");
    }

    @Test
    void environmentListing() {
        CommandLine cmd = new CommandLine(new UtilCommand(Map.of("NC_B", "2", "PATH", "/bin", "NC_A", "")));
        StringWriter out = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        assertThat(cmd.execute("-env")).isZero();
        assertThat(out.toString().lines()).containsExactly("NC_A=", "NC_B=2");
    }

    @Test
    void checkOfACsvFile() throws IOException {
        Path csv = Files.writeString(dir.resolve("x.csv"), "a,b,c\n1,2,3\n1,2,3,4\n5,6,7\n1;2\n");
        Run r = Run.net("util", "-read", csv.toString(), "-check");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.lines()).containsExactly(
                "line 2: 1\u001b[31m,\u001b[0m2\u001b[31m,\u001b[0m3\u001b[31m,\u001b[0m4 (3 separators)",
                "line 4: 1;2 (0 separators)",
                "checked 4 lines, 2 with a wrong number of separators (expected 2)");
        Run semi = Run.net("util", "-read", csv.toString(), "-check", "-sep", ";");
        assertThat(semi.lines().getLast()).isEqualTo("checked 4 lines, 1 with a wrong number of separators (expected 0)");
    }

    @Test
    void checkOfAnAuditRecordFile() throws IOException {
        Path f;
        try (RecordWriter w = RecordWriter.create(dir, RecordType.TCP, WriterOptions.defaults("x"))) {
            w.write(TCP.newBuilder().setSrcIP("10.0.0.1").build());
            w.write(TCP.newBuilder().setSrcIP("a,b").build()); // a separator inside a value
            f = w.path();
        }
        Run r = Run.net("util", "-read", f.toString(), "-check");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.lines()).hasSize(2);
        assertThat(r.lines().get(0)).startsWith("line 2: ").endsWith("(23 separators)");
        assertThat(r.lines().get(1)).isEqualTo("checked 2 lines, 1 with a wrong number of separators (expected 22)");
    }

    @Test
    void helpAndNoAction() {
        assertThat(Run.net("util", "-h").status()).isZero();
        Run none = Run.net("util");
        assertThat(none.status()).isZero();
        assertThat(none.out()).contains("-ts2utc");
    }
}
