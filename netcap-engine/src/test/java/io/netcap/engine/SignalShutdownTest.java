package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.netcap.types.RecordType;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** SIGINT in the middle of a run: reading stops, queued packets are still decoded, every file is complete. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class SignalShutdownTest {
    static final int PACKETS = 2_000_000;

    /** The capture run in the child process: two workers, progress on stderr. */
    static final class Main {
        public static void main(String[] args) throws IOException {
            new CaptureJob(RecordDecoding::new, System.out, System.err)
                    .run(TestConfig.of(Path.of(args[0]), Path.of(args[1])).workers(2).loud().build());
            System.exit(0);
        }
    }

    @TempDir
    Path tmp;

    @Test
    void firstSignalShutsDownInOrder() throws Exception {
        Path pcap = tmp.resolve("big.pcap");
        writeCapture(pcap, PACKETS, 997);
        Path out = tmp.resolve("out");
        Process p = start(pcap, out);
        awaitProgress(p);
        signal(p, "INT");
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();

        String summary = Files.readString(out.resolve("summary.json"));
        assertThat(summary).contains("\"interrupted\": true");
        long packets = Long.parseLong(summary.replaceAll("(?s).*\"packets\": (\\d+),.*", "$1"));
        assertThat(packets).isPositive().isLessThan(PACKETS);

        // Every file reads to its end (Runs.records fails on truncation or corruption), and every packet
        // that was read was decoded: one Ethernet, IPv4 and TCP record each.
        Map<RecordType, List<Message>> records = Runs.records(out);
        assertThat(records.get(RecordType.Ethernet)).hasSize((int) packets);
        assertThat(records.get(RecordType.IPv4)).hasSize((int) packets);
        assertThat(records.get(RecordType.TCP)).hasSize((int) packets);
        long inConnections = records.get(RecordType.Connection).stream()
                .mapToLong(m -> ((io.netcap.types.Connection) m).getNumPackets()).sum();
        assertThat(inConnections).isEqualTo(packets);
    }

    @Test
    void secondSignalExitsAtOnce() throws Exception {
        Path pcap = tmp.resolve("big.pcap");
        // a flow every other packet: at the first signal tens of thousands of connections are open, so the
        // orderly shutdown (draining the queues, ending the streams, writing the connections, closing every
        // file) takes far longer than the 5 ms before the second signal
        writeCapture(pcap, PACKETS, PACKETS / 2);
        Process p = start(pcap, tmp.resolve("out"));
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream()));
        await(err, "decoding packets");
        signal(p, "INT");
        // The second signal only once the first was handled: sent at once, it could arrive while the first was
        // still pending (a loaded machine that did not run the process in between), and the kernel merges the two.
        await(err, "received signal");
        signal(p, "INT");
        drain(err);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(Signals.FORCED_EXIT);
    }

    private static Process start(Path pcap, Path out) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                pcap.toString(), out.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** Waits for the first progress report on stderr: the run is under way. */
    private static void awaitProgress(Process p) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream()));
        await(err, "decoding packets");
        drain(err);
    }

    /** Reads stderr up to {@code text}, which must come before the end. */
    private static void await(BufferedReader err, String text) throws IOException {
        StringBuilder seen = new StringBuilder();
        int c;
        while ((c = err.read()) >= 0) {
            seen.append((char) c);
            if (seen.indexOf(text) >= 0) {
                break;
            }
        }
        assertThat(seen.toString()).as("stderr before the end").contains(text);
    }

    /** Reads the rest of stderr in the background, so that the child never blocks on a full pipe. */
    private static void drain(BufferedReader err) {
        Thread drain = new Thread(() -> {
            try {
                err.transferTo(java.io.Writer.nullWriter());
            } catch (IOException ignored) {
                // process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    private static void signal(Process p, String sig) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start().waitFor()).isZero();
        Thread.sleep(50);
    }

    /**
     * A classic pcap of TCP segments over {@code flows} connections, taken in turn (Ethernet, IPv4, 20-byte TCP,
     * 6 payload bytes).
     */
    static void writeCapture(Path file, int packets, int flows) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            byte[] h = {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                    (byte) 0xff, (byte) 0xff, 0, 0, 1, 0, 0, 0};
            out.write(h);
            byte[] rec = new byte[16 + 60];
            for (int i = 0; i < packets; i++) {
                int flow = i % flows;
                boolean reply = (i / flows) % 2 == 1;
                long sec = 1_700_000_000L + i / 10_000;
                le32(rec, 0, (int) sec);
                le32(rec, 4, (i % 10_000) * 100);
                le32(rec, 8, 60);
                le32(rec, 12, 60);
                int e = 16;
                byte[] ma = {2, 0, 0, 0, 0, 1};
                byte[] mb = {2, 0, 0, 0, 0, 2};
                System.arraycopy(reply ? ma : mb, 0, rec, e, 6);
                System.arraycopy(reply ? mb : ma, 0, rec, e + 6, 6);
                rec[e + 12] = 0x08;
                rec[e + 13] = 0x00;
                int ip = e + 14;
                rec[ip] = 0x45;
                rec[ip + 2] = 0;
                rec[ip + 3] = 46;
                rec[ip + 8] = 64;
                rec[ip + 9] = 6;
                byte[] a = {10, (byte) (flow >> 16), (byte) (flow >> 8), (byte) flow};
                byte[] b = {10, 1, 0, 1};
                System.arraycopy(reply ? b : a, 0, rec, ip + 12, 4);
                System.arraycopy(reply ? a : b, 0, rec, ip + 16, 4);
                int tcp = ip + 20;
                int ca = 20_000 + flow % 40_000;
                int sp = reply ? 80 : ca;
                int dp = reply ? ca : 80;
                rec[tcp] = (byte) (sp >> 8);
                rec[tcp + 1] = (byte) sp;
                rec[tcp + 2] = (byte) (dp >> 8);
                rec[tcp + 3] = (byte) dp;
                rec[tcp + 12] = 0x50;
                rec[tcp + 13] = 0x18;
                rec[tcp + 14] = 0x10;
                out.write(rec);
            }
        }
    }

    private static void le32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
