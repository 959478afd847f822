package io.netcap.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.Message;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Any bytes, read as given (gzip when they start with its magic) and wrapped in a gzip stream: the
 * reader may only end normally, report a truncation, or throw CorruptRecordException / IOException.
 * Seeds: {@code RecordReaderFuzzTestInputs/readAnything/}.
 */
class RecordReaderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void readAnything(byte[] data) {
        readFully(data);
        readFully(Bytes.gzip(data));
    }

    private static void readFully(byte[] data) {
        try (var r = RecordReader.open(new ByteArrayInputStream(data), "fuzz.ncap")) {
            assertThat(r.header()).isNotNull();
            assertThat(r.type().type()).isEqualTo(r.header().getType());
            long last = r.offset();
            Iterator<Message> it = r.iterator();
            while (nextOrCorrupt(it)) {
                Message m = it.next();
                assertThat(m.getDescriptorForType()).isSameAs(r.type().descriptor());
                // what we read, we can write again: re-encoding parses to the same record
                assertThat(m.getParserForType().parseFrom(m.toByteArray())).isEqualTo(m);
                assertThat(r.offset()).isGreaterThan(last);
                last = r.offset();
            }
            r.truncation().ifPresent(t -> assertThat(t.offset()).isEqualTo(r.offset()));
        } catch (CorruptRecordException e) {
            assertThat(e.offset()).isNotNegative();
            assertThat(e.getMessage()).startsWith("fuzz.ncap: corrupt record at offset " + e.offset() + ": ");
        } catch (IOException e) {
            // documented: I/O errors of the stream itself
        }
    }

    /** hasNext, translating the iterator's UncheckedIOException back to the documented exception. */
    private static boolean nextOrCorrupt(Iterator<Message> it) throws IOException {
        try {
            return it.hasNext();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
