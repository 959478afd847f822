package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netcap.packet.Packet;
import io.netcap.packet.source.PacketSource;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader that fails ends the run: the workers still get their end markers (an OutOfMemoryError in the reader
 * once left them waiting for packets for ever, and the process never exited), the packets read before the
 * failure are decoded and their records written (they once stayed in the reader's unsent batches), and running
 * out of memory says what to do about it.
 */
class ReadFailureTest {
    @TempDir
    Path tmp;

    /** Three ARP requests, then the error. */
    private static PacketSource failingAfterThree(Error error) {
        return Runs.source("three frames", n -> {
            if (n == 3) {
                throw error;
            }
            // an ARP request (RFC 826) from 02:00:00:00:00:0n for 10.0.0.254, padded to 60 bytes
            byte[] frame = new byte[60];
            java.util.Arrays.fill(frame, 0, 6, (byte) 0xff);
            frame[6] = 0x02;
            frame[11] = (byte) (n + 1);
            frame[12] = 0x08;
            frame[13] = 0x06;
            byte[] arp = {0, 1, 0x08, 0, 6, 4, 0, 1, 0x02, 0, 0, 0, 0, (byte) (n + 1), 10, 0, 0, (byte) (n + 1),
                    0, 0, 0, 0, 0, 0, 10, 0, 0, (byte) 254};
            System.arraycopy(arp, 0, frame, 14, arp.length);
            return Packet.of(1_700_000_000_000_000_000L + n + 1, frame.length, 1, frame);
        });
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void outOfMemoryInTheReaderEndsTheRunWithWhatToDo() throws IOException {
        Path out = tmp.resolve("out");
        CaptureEngine engine = new CaptureEngine(TestConfig.of(tmp.resolve("in.pcap"), out).workers(2).build(),
                RecordDecoding::new, null);
        assertThatThrownBy(() -> engine.run(failingAfterThree(new OutOfMemoryError("Java heap space")), "in.pcap", 0))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("reading in.pcap failed after 3 packets: out of memory (Java heap space)")
                .hasMessageContaining("NET_JAVA_OPTS=-Xmx");
        var records = Runs.records(out);
        assertThat(records.get(RecordType.Ethernet)).hasSize(3);
        assertThat(records.get(RecordType.ARP)).hasSize(3);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anyOtherErrorInTheReaderEndsTheRunToo() {
        Path out = tmp.resolve("out");
        CaptureEngine engine = new CaptureEngine(TestConfig.of(tmp.resolve("in.pcap"), out).workers(2).build(),
                RecordDecoding::new, null);
        assertThatThrownBy(() -> engine.run(failingAfterThree(new StackOverflowError("deep")), "in.pcap", 0))
                .isInstanceOf(IOException.class)
                .hasMessage("reading in.pcap failed after 3 packets: deep");
    }
}
