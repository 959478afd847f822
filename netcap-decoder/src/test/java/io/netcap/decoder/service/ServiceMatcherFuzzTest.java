package io.netcap.decoder.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Any bytes as a banner against nmap's probe lines (Debian's file when installed, else a few lines with
 * back-tracking traps), and any bytes as a probe line. Matching never throws and its work stays within the
 * banner budget: the charAt calls of {@link io.netcap.decoder.BudgetedText} are the time bound, asserted without a clock.
 * Seeds: {@code ServiceMatcherFuzzTestInputs/<method>/}.
 *
 * <p>The input holds regexes by design, and one Java cannot compile is counted, not thrown. Jazzer's regex-injection
 * sanitizer reports it all the same: the classes that compile them are left out of its hooks in
 * {@code junit-platform.properties}, which the regression runs honour; as a fuzzer, run this test with
 * {@code JAZZER_DISABLED_HOOKS=com.code_intelligence.jazzer.sanitizers.RegexInjection}, as Jazzer 0.30 hooks them
 * there all the same.
 */
class ServiceMatcherFuzzTest {
    private static final ServiceConfig CONFIG = new ServiceConfig(1 << 16, false, false, null, 10, 10,
            200_000, 2_000_000);
    private static final ServiceCounters COUNTERS = new ServiceCounters();
    private static final ServiceProbes PROBES = probes();

    private static ServiceProbes probes() {
        try {
            List<ServiceMatch> lines = new ArrayList<>(ProbeFile.parse(List.of("Probe TCP NULL q||",
                    "match evil m=^(a|\\1)+$= p/Evil/", "match ftp m|^220 ([-.\\w]+) FTP| p/$1/ v/$P(1)/",
                    "match x m=^((?:\\w+\\s?)*)$=s p/$SUBST(1,\"a\",\"b\")/ v/$I(1,\">\")/"), COUNTERS));
            if (Files.isReadable(ProbeFile.DEBIAN)) {
                lines.addAll(ProbeFile.read(ProbeFile.DEBIAN, COUNTERS));
            }
            return new ServiceProbes(lines, CONFIG, COUNTERS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void bannerWithinBudget(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int[] ports = {21, 22, 25, 80, 110, 143, 2222};
        Identification id = PROBES.match(data, data.length - 1, ports[(data[data.length - 1] & 0xff) % ports.length]);
        assertThat(id.spent()).isBetween(0L, CONFIG.bannerBudget());
        assertThat(id.product()).isNotNull();
        assertThat(id.version()).isNotNull();
    }

    @FuzzTest(maxDuration = "30s")
    void anyProbeLine(byte[] data) {
        ServiceCounters counters = new ServiceCounters();
        String line = new String(data, StandardCharsets.ISO_8859_1);
        ServiceProbes p = new ServiceProbes(ProbeFile.parse(List.of(line, "match " + line), counters), CONFIG, counters);
        byte[] banner = "220 fuzz FTP server ready\r\nSSH-2.0-x\r\n".getBytes(StandardCharsets.ISO_8859_1);
        Identification id = p.match(banner, banner.length, 21);
        assertThat(id.spent()).isBetween(0L, CONFIG.bannerBudget());
        assertThat(counters.matchLines() + counters.malformedLines()).isLessThanOrEqualTo(2);
    }
}
