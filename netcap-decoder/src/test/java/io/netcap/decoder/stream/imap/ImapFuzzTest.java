package io.netcap.decoder.stream.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.EndReason;
import io.netcap.decoder.stream.StreamFeeder;
import io.netcap.decoder.stream.TextSession;
import io.netcap.decoder.stream.ftp.FtpDataChannels;

/**
 * Arbitrary IMAP connections ({@link StreamFeeder#replay}'s input): nothing escapes, the unconsumed rest stays
 * within a line (literals stream through), one IMAP record per connection. Seeds: {@code ImapFuzzTestInputs/connections/}.
 */
class ImapFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void connections(byte[] data) {
        TextSession s = new TextSession(new FtpDataChannels(), false);
        Conversation c = new Conversation(Conversation.Transport.TCP, "1.1.1.1", 1, "2.2.2.2", 143, 0);
        StreamFeeder feed = new StreamFeeder(c, new Imap(c, s.env));
        feed.replay(data, () -> {
            for (Direction d : Direction.values()) {
                assertThat(feed.pending(d)).isLessThanOrEqualTo(ImapLines.MAX_LINE + 128);
            }
        });
        feed.end(EndReason.SHUTDOWN);
        assertThat(s.records).filteredOn(io.netcap.types.IMAP.class::isInstance).hasSize(1);
    }
}
