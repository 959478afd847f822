package io.netcap.cli.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.Arrays;

/**
 * Any bytes as a datagram, as an authenticated plaintext, or as the gzip inside one (the first byte
 * chooses), so that the fuzzer reaches the batch and record parsing behind the box: every datagram is
 * either written or counted under one reason, and nothing throws.
 * Seeds: {@code CollectorFuzzTestInputs/handleAnything/}.
 */
class CollectorFuzzTest {
    private static Collector collector;
    private static byte[][] server;
    private static byte[][] agent;

    private static synchronized Collector collector() throws IOException {
        if (collector == null) {
            if (Sodium.problem().isPresent()) {
                return null;
            }
            Sodium sodium = Sodium.get();
            server = sodium.keyPair();
            agent = sodium.keyPair();
            collector = new Collector(new InetSocketAddress("127.0.0.1", 0), server[1],
                    Files.createTempDirectory("netcap-collector-fuzz"), sodium, new PrintStream(OutputStream.nullOutputStream()));
        }
        return collector;
    }

    @FuzzTest(maxDuration = "30s")
    void handleAnything(byte[] data) throws IOException {
        Collector c = collector();
        assumeTrue(c != null, "libsodium not installed");
        if (data.length == 0) {
            return;
        }
        byte[] rest = Arrays.copyOfRange(data, 1, data.length);
        byte[] datagram = switch (data[0] & 3) {
            case 0 -> rest;
            case 1 -> seal(rest);
            default -> seal(SensorDatagram.gzip(rest));
        };
        long before = accounted(c);
        c.handle(datagram, datagram.length);
        assertThat(accounted(c)).isEqualTo(before + 1);
    }

    private static long accounted(Collector c) {
        return c.batches() + c.dropped().values().stream().mapToLong(Long::longValue).sum();
    }

    private static byte[] seal(byte[] plain) {
        Sodium sodium = Sodium.get();
        byte[] nonce = sodium.randomBytes(Sodium.NONCE_BYTES);
        byte[] box = sodium.box(plain, nonce, server[0], agent[1]);
        byte[] out = new byte[SensorDatagram.BOX_AT + box.length];
        System.arraycopy(agent[0], 0, out, 0, Sodium.PUBLIC_KEY_BYTES);
        System.arraycopy(nonce, 0, out, SensorDatagram.NONCE_AT, Sodium.NONCE_BYTES);
        System.arraycopy(box, 0, out, SensorDatagram.BOX_AT, box.length);
        return out;
    }
}
