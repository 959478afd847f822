package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.packet.Packet;
import io.netcap.packet.source.PacketSource;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A heap filling with live state (docs/streams.md, "Memory pressure"): the JVM's own alarm after a collection of the
 * old generation, and what a worker does with it: its reassembly and Connection tables keep to a lower cap, counted,
 * and no record is lost.
 */
class HeapPressureTest {
    @TempDir
    Path tmp;

    @AfterEach
    void restoreTheThreshold() {
        // the threshold is the JVM's: back to the engine's own
        HeapPressure.watch(HeapPressure.SHARE, Runnable::run).close();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anOldGenerationFullerThanTheShareRaisesAnAlarmAfterACollection() throws InterruptedException {
        try (HeapPressure p = HeapPressure.watch(1e-9, Runnable::run)) { // any live byte exceeds it
            byte[][] live = new byte[64][];
            for (int i = 0; i < live.length; i++) {
                live[i] = new byte[16 << 10];
            }
            while (p.alarms() == 0) {
                System.gc(); // a full collection, which collects the old generation
                Thread.sleep(50);
            }
            assertThat(p.alarms()).isPositive();
            assertThat(live.length).isEqualTo(64); // kept live until here
        }
    }

    @Test
    void noAlarmWhileTheOldGenerationStaysBelowTheShare() throws InterruptedException {
        try (HeapPressure p = HeapPressure.watch(1.0, Runnable::run)) { // a full old generation at the most
            System.gc();
            Thread.sleep(200);
            assertThat(p.alarms()).isZero();
        }
    }

    /** Under pressure from the first batch on, 2,500 connections meet a reassembly table cut to 1,000. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aWorkerUnderPressureKeepsItsTablesToTheLowerCapAndLosesNoRecord() throws IOException {
        int connections = 2_500;
        HeapPressure alarmed = HeapPressure.watch(1.0, Runnable::run);
        alarmed.raise();
        Path out = tmp.resolve("out");
        Summary s = new CaptureEngine(TestConfig.of(tmp.resolve("in.pcap"), out).workers(1).build(),
                RecordDecoding::new, null).pressure(alarmed).run(clients(connections), "in.pcap", 0);

        assertThat(s.errors()).containsEntry("tables-cut-under-memory-pressure", 1L);
        // the cut came after the first batch of 256 connections: three quarters of them, raised to the floor of 1,000
        assertThat(s.streams()).containsEntry("tcp_connections", (long) connections)
                .containsEntry("connections_evicted", (long) connections - 1_000);
        assertThat(s.streams().get("connection_records_flushed_at_cap")).isPositive();
        var records = Runs.records(out);
        assertThat(records.get(RecordType.TCP)).hasSize(connections);
        assertThat(records.get(RecordType.Connection)).as("every connection written once").hasSize(connections);
    }

    /** {@code n} clients (10.0.x.y) each sending one segment of data to 10.255.0.1:80, no handshake, no end. */
    private static PacketSource clients(int n) {
        return Runs.source(n + " clients", i -> {
            if (i == n) {
                return null;
            }
            byte[] payload = "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] f = new byte[14 + 20 + 20 + payload.length];
            f[12] = 0x08; // IPv4
            f[14] = 0x45;
            int ipLen = 40 + payload.length;
            f[16] = (byte) (ipLen >> 8);
            f[17] = (byte) ipLen;
            f[22] = 64;
            f[23] = 6; // TCP
            f[26] = 10;
            f[28] = (byte) (i >> 8);
            f[29] = (byte) (i + 1);
            f[30] = 10;
            f[31] = (byte) 255;
            f[33] = 1;
            f[34] = (byte) 0xC0; // source port 49152
            f[37] = 80;
            f[46] = 0x50; // data offset 5 words
            f[47] = 0x18; // PSH, ACK
            f[49] = (byte) 0xFF; // window
            System.arraycopy(payload, 0, f, 54, payload.length);
            return Packet.of(1_700_000_000_000_000_000L + (i + 1) * 1_000L, f.length, 1, f);
        });
    }
}
