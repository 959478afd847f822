package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.netcap.decoder.WireWriter;
import io.netcap.io.WriterOptions;
import io.netcap.types.RecordType;
import io.netcap.types.UDP;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Records written into the chunks directly, through the copy path and as messages, in one file in order. */
class ChunkedSinkTest {

    @Test
    void directlyWrittenRecordsAreFramedLikeCopiedOnes(@TempDir Path dir) throws Exception {
        List<Message> expected = new ArrayList<>();
        // Small chunks: records fill them, outgrow them (copy path), need two-byte length prefixes.
        try (WriterPool pool = new WriterPool(dir, WriterOptions.defaults("test"), 1, 4, 300)) {
            ChunkedSink sink = new ChunkedSink(pool, EnumSet.of(RecordType.UDP));
            WireWriter w = new WireWriter();
            for (int i = 0; i < 400; i++) {
                byte[] payload = new byte[(i * 37) % 700];
                if (payload.length > 0) {
                    payload[0] = (byte) i;
                }
                UDP r = UDP.newBuilder().setSrcPort(i).setPayload(ByteString.copyFrom(payload)).build();
                expected.add(r);
                if (i % 5 == 4) {
                    sink.accept(RecordType.UDP, r);
                    continue;
                }
                sink.open(RecordType.UDP, w);
                w.int32(2, i);
                w.bytes(8, payload, 0, payload.length);
                sink.close(RecordType.UDP, w);
                // a type the sink drops takes neither room nor count
                sink.open(RecordType.TCP, w);
                w.int32(2, i);
                sink.close(RecordType.TCP, w);
            }
            sink.flush();
            assertThat(sink.count(RecordType.UDP)).isEqualTo(400);
            assertThat(sink.count(RecordType.TCP)).isZero();
        }
        Map<RecordType, List<Message>> records = Runs.records(dir);
        assertThat(records.get(RecordType.UDP)).isEqualTo(expected);
        assertThat(records).doesNotContainKey(RecordType.TCP);
    }

    /**
     * A writer thread whose chunk fails with an unchecked exception goes on with the next: it once died, its queue
     * filled and the workers waited on it for ever. The failure is thrown when the pool closes.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aFailingTapNeitherStopsTheWritersNorIsLost() {
        WriterPool pool = new WriterPool(null, WriterOptions.defaults("test"), 1, 2, 64);
        pool.tap(new RecordTap() {
            @Override
            public void start(WriterOptions options) {}

            @Override
            public void accept(RecordType type, byte[] data, int length, int records) {
                throw new IllegalStateException("tap broken");
            }

            @Override
            public void close() {}

            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Map<String, Long> stats() {
                return Map.of();
            }
        });
        ChunkedSink sink = new ChunkedSink(pool, EnumSet.of(RecordType.UDP));
        for (int i = 0; i < 1000; i++) { // far more chunks than the queue holds
            sink.accept(RecordType.UDP, UDP.newBuilder().setSrcPort(i + 1).setPayload(ByteString.copyFrom(new byte[40])).build());
        }
        sink.flush();
        assertThatThrownBy(pool::close).isInstanceOf(IOException.class)
                .hasMessageContaining("writing UDP records failed: java.lang.IllegalStateException: tap broken");
    }
}
