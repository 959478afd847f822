package io.netcap.label;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import java.time.ZoneOffset;

/**
 * Any text as fast.log and as eve.json: the parsers may only return alerts and counted problems — no
 * exception escapes — and every alert they return is well formed; as an attack description, attacks or
 * an error naming the file. Seeds:
 * {@code AlertParsersFuzzTestInputs/<method>/}.
 */
class AlertParsersFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void fastLog(byte[] data) throws IOException {
        check(FastLog.read(new StringReader(text(data)), "fast.log", ZoneOffset.UTC));
    }

    @FuzzTest(maxDuration = "30s")
    void eve(byte[] data) throws IOException {
        check(Eve.read(new StringReader(text(data)), "eve.json"));
    }

    /** Any text as an attack description: a list of attacks with sane windows, or an IOException naming the file. */
    @FuzzTest(maxDuration = "30s")
    void attackDescriptions(byte[] data) {
        checkAttacks(data, "a.yml");
    }

    /** Any text as an attack description in the older CSV form (told by the name). */
    @FuzzTest(maxDuration = "30s")
    void attackCsv(byte[] data) {
        checkAttacks(data, "a.csv");
    }

    private static void checkAttacks(byte[] data, String name) {
        try {
            for (AttackDescriptions.Attack a : AttackDescriptions.read(new StringReader(text(data)), name)) {
                assertThat(a.end()).isGreaterThanOrEqualTo(a.start());
                assertThat(a.name()).isNotBlank();
            }
        } catch (IOException e) {
            assertThat(e.getMessage()).startsWith(name);
        }
    }

    /** The bytes as UTF-8 text, malformed sequences replaced, as a reader of a damaged file sees them. */
    private static String text(byte[] data) {
        return new String(data, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void check(AlertFile f) {
        assertThat(f.problems().size()).isLessThanOrEqualTo(AlertFile.MAX_PROBLEMS);
        assertThat(f.problemCount()).isGreaterThanOrEqualTo(f.problems().size());
        for (Alert a : f.alerts()) {
            assertThat(a.srcIp()).isNotEmpty();
            assertThat(a.dstIp()).isNotEmpty();
            assertThat(a.srcPort()).isBetween(Alert.NO_PORT, 65535);
            assertThat(a.dstPort()).isBetween(Alert.NO_PORT, 65535);
            assertThat(a.line()).isBetween(1L, f.lines());
        }
    }
}
