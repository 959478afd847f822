package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.engine.config.StreamConfig;
import io.netcap.packet.Packet;
import io.netcap.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real traffic made hostile: every corpus capture, its packets damaged at random (bytes flipped or set, tokens
 * of the text protocols written over payload bytes, frames cut short, packets swapped, repeated, or thrown
 * days back or ahead in time), through the whole engine with every decoder. The fuzz targets start from
 * nothing; this starts from conversations that are almost right, which is where parsers keep state longest.
 * Nothing may fail inside: no decoder, stream parser or harvester failure, every packet counted, every record
 * file readable to its end, nothing written outside the output directory. The damage is seeded, so a failure
 * names the capture and seed that repeat it.
 */
class CorpusMutationTest {
    private static final int SEEDS = 3;
    private static final long DAY = 86_400_000_000_000L;
    /** Written over payload bytes: line ends, lengths, codings, boundaries, commands of the decoded protocols. */
    private static final byte[][] TOKENS = tokens("\r\n", "\r\n\r\n", "\n", "Content-Length: 99999999999\r\n",
            "Transfer-Encoding: chunked\r\n\r\n", "ffffffffffffffff\r\n", "Content-Encoding: gzip\r\n",
            "boundary=", "--", ":", "\0", "HTTP/1.1 100 Continue\r\n\r\n", "GET / HTTP/1.1\r\n", "0\r\n\r\n",
            "\u0016\u0003\u0001\u00ff\u00ff", "AUTH PLAIN ", "USER a\r\nPASS b\r\n",
            "Content-Type: multipart/form-data; boundary=x\r\n", "=?utf-8?B?", "DATA\r\n", ".\r\n", "SSH-2.0-x\r\n",
            "\0\0\u00ff\u00ff\u0014", "Authorization: Basic ", "%", ";", "227 Entering Passive Mode (1,2,3,4,5,6)\r\n",
            "a1 LOGIN x y\r\n", "+OK\r\n", "Content-Disposition: attachment; filename=\"../x\"\r\n");

    @TempDir
    Path tmp;

    @Test
    void damagedCapturesFailNothingInside() throws IOException {
        List<String> failures = new ArrayList<>();
        int runs = 0;
        for (Path capture : Corpus.captures()) {
            List<Packet> packets = Corpus.packets(capture);
            for (int seed = 1; seed <= SEEDS; seed++) {
                String name = capture.getFileName() + " seed " + seed;
                long mix = seed * 1_000_003L + capture.getFileName().hashCode();
                List<Packet> damaged = damage(packets, new SplittableRandom(mix));
                Path out = tmp.resolve("run" + runs++);
                // every other run also extracts files (incomplete ones too) and dumps the conversations
                StreamConfig streams = seed % 2 == 0 ? StreamConfig.defaults().withFiles("files", true).withConns(true)
                        : StreamConfig.defaults();
                CaptureEngine engine = new CaptureEngine(TestConfig.of(capture, out).workers(2).logErrors()
                        .streams(streams).build(), RecordDecoding::new, null);
                Summary s = engine.run(Runs.source(name, n -> n < damaged.size() ? damaged.get(n) : null), name, 0);
                if (s.packets() != damaged.size()) {
                    failures.add(name + ": " + s.packets() + " of " + damaged.size() + " packets counted");
                }
                s.errors().keySet().stream().filter(k -> k.startsWith("DECODER_FAILURE"))
                        .forEach(k -> failures.add(name + ": " + k));
                for (Map.Entry<String, Long> e : s.streams().entrySet()) {
                    if (e.getKey().endsWith("_failures") && e.getValue() != 0) {
                        failures.add(name + ": " + e.getKey() + " " + e.getValue());
                    }
                }
                try {
                    Runs.records(out);
                } catch (IOException | RuntimeException e) {
                    failures.add(name + ": record files unreadable: " + e);
                }
            }
        }
        assertThat(failures).isEmpty();
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("nothing written beside the runs' directories")
                    .allMatch(n -> n.startsWith("run"));
        }
        assertThat(runs).isGreaterThanOrEqualTo(100 * SEEDS);
    }

    /** A copy of the packets, each damaged with a probability of 5, 20 or 50 % (one rate per run). */
    static List<Packet> damage(List<Packet> packets, SplittableRandom rnd) {
        double rate = new double[] {0.05, 0.2, 0.5}[rnd.nextInt(3)];
        List<Packet> out = new ArrayList<>(packets.size() + 16);
        for (Packet p : packets) {
            byte[] b = p.bytes();
            long ts = p.timestampNanos();
            if (b.length > 0 && rnd.nextDouble() < rate) {
                switch (rnd.nextInt(7)) {
                    case 0, 1 -> {
                        if (b.length > 60) { // a token over the payload, past the usual headers
                            byte[] t = TOKENS[rnd.nextInt(TOKENS.length)];
                            int at = rnd.nextInt(54, b.length);
                            System.arraycopy(t, 0, b, at, Math.min(t.length, b.length - at));
                        }
                    }
                    case 2 -> {
                        for (int k = rnd.nextInt(1, 5); k > 0; k--) {
                            // half in the headers (most of them in the first hundred bytes), half anywhere
                            int at = rnd.nextBoolean()
                                    ? Math.min(b.length - 1, 14 + (int) (-60 * Math.log(1 - rnd.nextDouble())))
                                    : rnd.nextInt(b.length);
                            b[at] = (byte) switch (rnd.nextInt(4)) {
                                case 0 -> b[at] ^ (1 << rnd.nextInt(8));
                                case 1 -> 0;
                                case 2 -> 0xff;
                                default -> rnd.nextInt(256);
                            };
                        }
                    }
                    case 3 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
                    case 4 -> {
                        if (!out.isEmpty()) { // swapped with the one before
                            out.add(out.size() - 1, Packet.of(ts, p.wireLength(), p.linkType(), b));
                            continue;
                        }
                    }
                    case 5 -> out.add(Packet.of(ts, p.wireLength(), p.linkType(), b.clone()));
                    default -> ts += rnd.nextBoolean() ? DAY : -DAY;
                }
            }
            out.add(Packet.of(ts, Math.max(p.wireLength(), b.length), p.linkType(), b));
        }
        return out;
    }

    private static byte[][] tokens(String... s) {
        byte[][] t = new byte[s.length][];
        for (int i = 0; i < s.length; i++) {
            t[i] = s[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        return t;
    }
}
