package io.netcap.decoder.stream.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.Message;
import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.EndReason;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.decoder.stream.StreamFeeder;
import io.netcap.decoder.stream.files.FileExtraction;
import io.netcap.decoder.stream.software.SoftwareStore;
import io.netcap.types.SSH;
import java.util.ArrayList;
import java.util.List;

/**
 * Arbitrary conversations through the SSH parser: nothing escapes, every call consumes between 0 and the bytes
 * offered ({@link StreamFeeder} checks it), the unconsumed rest stays within one packet, at most one SSH record
 * per side, each with a 32-digit HASSH. Input: as {@link StreamFeeder#replay} reads it.
 * Seeds: {@code SshFuzzTestInputs/conversations/}.
 */
class SshFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void conversations(byte[] data) {
        List<Message> records = new ArrayList<>();
        StreamEnv env = new StreamEnv((t, m) -> records.add(m), FileExtraction.OFF, (kind, c, message) -> { },
                io.netcap.decoder.stream.StreamShared.standalone().withSoftware(new SoftwareStore(4, () -> null)));
        Conversation conv = new Conversation(Conversation.Transport.TCP, "1.1.1.1", 1, "2.2.2.2", 22, 0);
        StreamFeeder feed = new StreamFeeder(conv, new Ssh(conv, env));
        feed.replay(data, () -> {
            for (Direction x : Direction.values()) {
                assertThat(feed.pending(x)).isLessThanOrEqualTo(Ssh.MAX_PACKET + 4);
            }
        });
        feed.end(EndReason.SHUTDOWN);
        List<SSH> ssh = records.stream().filter(SSH.class::isInstance).map(SSH.class::cast).toList();
        assertThat(ssh.size()).isLessThanOrEqualTo(2);
        assertThat(ssh).allSatisfy(r -> assertThat(r.getHASSH()).hasSize(32));
    }
}
