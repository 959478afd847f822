package io.netcap.label;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Any bytes as a conversation dump: two directions within the cap, never more bytes than the dump holds, no
 * exception. Seeds: {@code ConversationDumpFuzzTestInputs/anyDump/}.
 */
class ConversationDumpFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void anyDump(byte[] data) throws IOException {
        ConversationDump.Directions d = ConversationDump.read(new ByteArrayInputStream(data), 64);
        assertThat(d.client().length).isLessThanOrEqualTo(64);
        assertThat(d.server().length).isLessThanOrEqualTo(64);
        assertThat(d.client().length + d.server().length).isLessThanOrEqualTo(data.length);
    }
}
