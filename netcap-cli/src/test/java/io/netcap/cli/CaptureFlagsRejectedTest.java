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
    /** The bundled sample: a fresh clone runs these without the corpus. */
    private static final Path SAMPLE = Path.of("..", "samples", "http-get-gzip.pcap");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-proto=false|-proto=false: no writer is left; give -csv, -json, -null, -unix or -elastic",
        "-wait-conns=false|-wait-conns: not available (streams are decoded in the packet workers: no stream queues or shutdown pool)",
        "-membuf-size=10|-membuf-size: not available (records are held once, in the compression block: see -compression-block-size)",
        "-compression-block-size=4095|-compression-block-size 4095: allowed are 4096..268435456 bytes",
        "-sbuf-size=10|-sbuf-size: not available (streams are decoded in the packet workers: no stream queues or shutdown pool)",
        "-free-os-mem=5|-free-os-mem: not available (the JVM sizes its heap itself; bound it with NET_JAVA_OPTS=-Xmx...)",
        "-analyzer=zeek|-analyzer: not part of this implementation (it started the original's external analyzer programs; -unix sends the CSV lines they read)",
        "-disable-generic-software-harvester=false|-disable-generic-software-harvester: not available (the original's generic version harvester is switched off in its source: no value enables it)",
        "-flushevery=0|-flushevery 0: allowed are 1..2147483647",
        "-reassembly-buffer=-1|-reassembly-buffer -1: allowed are 0 or more bytes",
        "-close-inactive-timeout=0s|-close-inactive-timeout 0s: must be positive",
        "-close-pending-timeout=-1m30s|-close-pending-timeout -1m30s: must be positive",
        "-conn-timeout=-1s|-conn-timeout -1s: must be positive",
        "-conn-active-timeout=0s|-conn-active-timeout 0s: must be positive",
        "-scatter-duration=0s|-scatter-duration 0s: must be positive",
        "-timeout=-2s|-timeout -2s: allowed are 0s or more",
        "-elastic-timeout=-1s|-elastic-timeout -1s: allowed are 0s or more",
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
        Run r = capture(Map.of(), "-read", SAMPLE.toString(), "-include", "TCP", "-out", out.toString(),
                flag);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(message + "\nrun 'net capture -h' for help\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void unavailableFlagsAreHiddenButOriginalConfigFilesLoad() throws Exception {
        String help = capture(Map.of(), "-h").out();
        assertThat(help).doesNotContain("-wait-conns").doesNotContain("-membuf-size").contains("-hexdump").contains("-proto").doesNotContain("promiscous")
                .contains("promiscuous").contains("-overwrite");
        assertThat(capture(Map.of(), "-gen-config").out()).doesNotContain("wait-conns").contains("ip4defrag");
        Path conf = tmp.resolve("original.conf");
        Path out = tmp.resolve("out");
        Files.writeString(conf, "wait-conns true\nreassemble-connections true\nquiet true\nout " + out + "\n");
        Run ok = capture(Map.of(), "-config", conf.toString(), "-read", SAMPLE.toString());
        assertThat(ok.status()).as(ok.err()).isZero();
        Files.writeString(conf, "wait-conns false\n");
        Run no = capture(Map.of(), "-config", conf.toString(), "-read", SAMPLE.toString());
        assertThat(no.err()).startsWith("-wait-conns: not available (");
        assertThat(capture(Map.of("NC_MEMBUF_SIZE", "1"), "-read", "x.pcap").err()).startsWith("-membuf-size: not available (");
    }

    /** Their defaults are what this implementation does: saying so is no error, wherever it is said. */
    @Test
    void unavailableFlagsAtTheirDefaultsChangeNothing() {
        Path out = tmp.resolve("out");
        Run r = capture(Map.of("NC_BUF", "true", "NC_TCP_DEBUG", "false"), "-read", SAMPLE.toString(),
                "-out", out.toString(), "-quiet", "-proto", "-wait-conns", "-tcp-debug=false", "-membuf-size=12582912",
                "-sbuf-size", "1000", "-analyzer", "", "-disable-generic-software-harvester");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(out.resolve("TCP.ncap.gz")).exists();
        // -proto=false beside another writer: that writer
        Run csv = capture(Map.of(), "-read", SAMPLE.toString(), "-out", tmp.resolve("csv").toString(),
                "-quiet", "-csv", "-proto=false");
        assertThat(csv.status()).as(csv.err()).isZero();
        assertThat(tmp.resolve("csv/TCP.csv.gz")).exists();
    }

    /**
     * A configuration file of the original (its {@code -gen-config} lists every flag with its default): this
     * implementation's own file and the original's flags that are hidden here, at the original's defaults
     * (docs/engine.md, "Flags not available").
     */
    @Test
    void theOriginalsGeneratedConfigurationLoads() throws Exception {
        Path out = tmp.resolve("out");
        String own = capture(Map.of(), "-gen-config").out();
        String hidden = """
                buf true
                membuf-size 12582912
                compression-block-size 1048576
                proto true
                wait-conns true
                debug false
                tcp-debug false
                reassembly-debug false
                hexdump false
                sbuf-size 1000
                stream-buffer 10000
                stream-workers 10000
                free-os-mem 0
                analyzer\s
                disable-generic-software-harvester true
                flow-flush-interval 1000
                flow-timeout 24h0m0s
                """;
        Path conf = tmp.resolve("net.capture.conf");
        Files.writeString(conf, own + hidden);
        Run r = capture(Map.of(), "-config", conf.toString(), "-read", SAMPLE.toString(), "-out",
                out.toString(), "-quiet");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(out.resolve("TCP.ncap.gz")).exists();
    }

    /** Go's flags are words: a capture flag given to agent or export is not read as -h and more. */
    @Test
    void captureFlagsThroughAgentAndExportAreWordsNotClusters() {
        Run agent = Run.net("agent", "-hexdump");
        assertThat(agent.status()).isEqualTo(1);
        assertThat(agent.err()).startsWith("need public key of server").doesNotContain("Usage");
        Run export = Run.net("export", "-address", "127.0.0.1:0", "-read", SAMPLE.toString(), "-out",
                tmp.resolve("out").toString(), "-hexdump", "-wait-conns=false");
        assertThat(export.status()).isEqualTo(2); // the capture's refusal of -wait-conns (its line goes to the process's stderr)
        assertThat(export.err()).doesNotContain("Usage");
        assertThat(export.out()).doesNotContain("Usage");
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
