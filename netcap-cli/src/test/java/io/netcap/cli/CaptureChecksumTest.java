package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.testing.Corpus;
import io.netcap.testing.Tshark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code net capture -checksum} end to end: summary.json counts as many dropped segments as TShark marks bad
 * with {@code -o tcp.check_checksum:TRUE}, on a capture of a host with checksum offload; without the flag the
 * statistics do not mention checksums (the default output is unchanged).
 */
class CaptureChecksumTest {
    private static final String CAPTURE = "chrissanders-packets__http_ip4and6.pcapng"; // IPv4 and IPv6

    @TempDir
    Path tmp;

    @Test
    void badChecksumsAreCountedAsTsharkFindsThem() throws Exception {
        Path pcap = Corpus.pcaps().resolve(CAPTURE);
        Tshark.require();
        long tshark = Tshark.run("-n", "-r", pcap.toString(), "-o", "tcp.check_checksum:TRUE", "-Y",
                "tcp.checksum.status == 0", "-T", "fields", "-e", "frame.number").lines().count();
        assertThat(tshark).isPositive();
        Path on = tmp.resolve("on");
        Run r = CaptureCommandTest.capture(Map.of(), "-read", pcap.toString(), "-out", on.toString(), "-quiet",
                "-checksum", "-workers", "1");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.readString(on.resolve("summary.json"))).contains("\"tcp_bad_checksum\": " + tshark);
        Path off = tmp.resolve("off");
        Run d = CaptureCommandTest.capture(Map.of(), "-read", pcap.toString(), "-out", off.toString(), "-quiet");
        assertThat(d.status()).as(d.err()).isZero();
        assertThat(Files.readString(off.resolve("summary.json"))).doesNotContain("checksum").doesNotContain("refused");
    }
}
