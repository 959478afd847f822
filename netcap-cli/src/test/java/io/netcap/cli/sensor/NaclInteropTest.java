package io.netcap.cli.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netcap.types.Batch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our boxes against another NaCl implementation: TweetNaCl-js (Debian {@code node-tweetnacl}, run by
 * node), which shares no code with libsodium. A datagram sealed in JavaScript opens in the collector,
 * and a box sealed by libsodium opens in JavaScript.
 */
class NaclInteropTest {
    private static final Path TWEETNACL = Path.of("/usr/share/nodejs/tweetnacl/nacl.js");
    private static final HexFormat HEX = HexFormat.of();

    @BeforeEach
    void tools() {
        Libsodium.require();
        boolean node = Files.isRegularFile(TWEETNACL) && run("node", "-e", "0") != null;
        if (!node) {
            System.err.println("SKIPPED: NaclInteropTest needs node and node-tweetnacl (apt-get install node-tweetnacl)");
        }
        assumeTrue(node, "needs node and node-tweetnacl");
    }

    @Test
    void aDatagramSealedByTweetNaclOpensInTheCollector() {
        Sodium sodium = Sodium.get();
        byte[][] server = sodium.keyPair();
        Batch batch = SensorDatagramTest.batch("js-sensor", 4);
        String script = """
                const nacl = require(process.argv[1]); const zlib = require('zlib');
                const hex = s => Uint8Array.from(Buffer.from(s, 'hex'));
                const agent = nacl.box.keyPair(); const nonce = nacl.randomBytes(24);
                const box = nacl.box(zlib.gzipSync(hex(process.argv[3])), nonce, hex(process.argv[2]), agent.secretKey);
                process.stdout.write(Buffer.concat([agent.publicKey, nonce, box]).toString('hex'));
                """;
        String out = run("node", "-e", script, TWEETNACL.toString(), HEX.formatHex(server[0]),
                HEX.formatHex(batch.toByteArray()));
        assertThat(out).isNotNull();
        byte[] datagram = HEX.parseHex(out.strip());
        SensorDatagram.Opened opened = SensorDatagram.open(datagram, datagram.length, server[1], sodium);
        assertThat(opened.rejection()).isNull();
        assertThat(opened.batch()).isEqualTo(batch);
    }

    @Test
    void aBoxSealedByLibsodiumOpensInTweetNacl() {
        Sodium sodium = Sodium.get();
        byte[][] sender = sodium.keyPair();
        byte[][] recipient = sodium.keyPair();
        byte[] nonce = sodium.randomBytes(Sodium.NONCE_BYTES);
        byte[] message = "audit records, sealed by libsodium".getBytes(StandardCharsets.US_ASCII);
        byte[] box = sodium.box(message, nonce, recipient[0], sender[1]);
        String script = """
                const nacl = require(process.argv[1]);
                const hex = s => Uint8Array.from(Buffer.from(s, 'hex'));
                const m = nacl.box.open(hex(process.argv[2]), hex(process.argv[3]), hex(process.argv[4]), hex(process.argv[5]));
                process.stdout.write(m === null ? 'null' : Buffer.from(m).toString('hex'));
                """;
        String out = run("node", "-e", script, TWEETNACL.toString(), HEX.formatHex(box), HEX.formatHex(nonce),
                HEX.formatHex(sender[0]), HEX.formatHex(recipient[1]));
        assertThat(out).isEqualTo(HEX.formatHex(message));
        box[3] ^= 1;
        assertThat(run("node", "-e", script, TWEETNACL.toString(), HEX.formatHex(box), HEX.formatHex(nonce),
                HEX.formatHex(sender[0]), HEX.formatHex(recipient[1]))).isEqualTo("null");
    }

    /** Standard output of a command that exits 0 within 30 s, or null. */
    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
