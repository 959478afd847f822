package io.netcap.cli;

import static io.netcap.cli.CaptureCommandTest.capture;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every capture flag works or is rejected with one line naming what is wrong and what is allowed. */
class CaptureFlagsRejectedTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-proto=false|-proto: not available yet",
        "-wait-conns=false|-wait-conns: not available yet",
        "-debug|-debug: not available yet",
        "-flushevery=0|-flushevery 0: allowed are 1..2147483647",
        "-reassembly-buffer=-1|-reassembly-buffer -1: allowed are 0 or more bytes",
        "-close-inactive-timeout=0s|-close-inactive-timeout PT0S: must be positive",
        "-flow-timeout=1h|-flow-timeout: not available (Flow records no longer exist, see Connection)",
        "-iface=eth0|-read and -iface exclude each other: give one input",
        "-exclude=TCP|-include TCP -exclude TCP: leaves no decoder to run",
        "-compression-level=42|-compression-level 42: allowed are max-speed, default, max-compression, none, or 0..9",
        "-workers=0|-workers 0: allowed are 1..2147483647",
        "-workers=-3|-workers -3: allowed are 1..2147483647",
        "-snaplen=-5|-snaplen -5: allowed are 1..262144",
        "-snaplen=999999999999|-snaplen 999999999999: allowed are 1..262144",
        "-base=ppp|-base ppp: allowed are ethernet, ipv4, ipv6, usb",
        "-opts=fast|-opts fast: allowed are lazy, default, nocopy, datagrams",
        "-kafka-topic-prefix=a/b|-kafka-topic-prefix a/b: allowed are letters, digits, '.', '_' and '-'",
        "-kafka-sensor=..|-kafka-sensor ..: allowed are 1..64 of A-Z a-z 0-9 . _ @ + -",
        "-kafka-partitions=-1|-kafka-partitions -1: allowed are 0 (the broker's default) or more",
        "-kafka-replication=40000|-kafka-replication 40000: allowed are 0 (the broker's default)..32767",
    })
    void rejectedWithOneLine(String flag, String message) throws Exception {
        Path out = tmp.resolve("out");
        Run r = capture(Map.of(), "-read", CaptureSafetyTest.dns().toString(), "-include", "TCP", "-out", out.toString(),
                flag);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(message + "\nrun 'net capture -h' for help\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void unavailableFlagsAreHiddenButOriginalConfigFilesLoad() throws Exception {
        String help = capture(Map.of(), "-h").out();
        assertThat(help).doesNotContain("-wait-conns").doesNotContain("-proto").doesNotContain("promiscous")
                .contains("promiscuous").contains("-overwrite");
        assertThat(capture(Map.of(), "-gen-config").out()).doesNotContain("wait-conns").contains("ip4defrag");
        Path conf = tmp.resolve("original.conf");
        Path out = tmp.resolve("out");
        Files.writeString(conf, "wait-conns true\nreassemble-connections true\nquiet true\nout " + out + "\n");
        Run ok = capture(Map.of(), "-config", conf.toString(), "-read", CaptureSafetyTest.dns().toString());
        assertThat(ok.status()).as(ok.err()).isZero();
        Files.writeString(conf, "wait-conns false\n");
        Run no = capture(Map.of(), "-config", conf.toString(), "-read", CaptureSafetyTest.dns().toString());
        assertThat(no.err()).startsWith("-wait-conns: not available yet\n");
        assertThat(capture(Map.of("NC_DEBUG", "true"), "-read", "x.pcap").err()).startsWith("-debug: not available yet\n");
    }

    @Test
    void helpExitsZeroAndABadFlagEndsWithOneShortError() {
        Run help = capture(Map.of(), "-h");
        assertThat(help.status()).isZero();
        assertThat(help.out()).startsWith("Usage of net capture:\n");
        Run bad = capture(Map.of(), "-bogus");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("flag provided but not defined: -bogus\nrun 'net capture -h' for help\n");
    }
}
