package io.netcap.decoder.stream.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.EndReason;
import io.netcap.decoder.stream.StreamFeeder;
import io.netcap.decoder.stream.TextSession;
import io.netcap.types.FTP;
import io.netcap.types.FTPTransfer;

/**
 * Arbitrary FTP control connections ({@link StreamFeeder#replay}'s input), then the same bytes as the data
 * connection of every transfer they announced on the server, under a small cap of held bytes: nothing escapes,
 * the unconsumed rest stays within a line, one record per connection, held bytes within the cap, every file
 * closed once ({@link TextSession.File} throws otherwise). Seeds: {@code FtpFuzzTestInputs/connections/}.
 */
class FtpFuzzTest {
    private static final long CAP = 4096;

    @FuzzTest(maxDuration = "30s")
    void connections(byte[] data) {
        FtpDataChannels channels = new FtpDataChannels(CAP);
        TextSession s = new TextSession(channels, true);
        Conversation c = new Conversation(Conversation.Transport.TCP, "1.1.1.1", 1, "2.2.2.2", 21, 0);
        StreamFeeder feed = new StreamFeeder(c, new Ftp(c, s.env));
        feed.replay(data, () -> {
            for (Direction d : Direction.values()) {
                assertThat(feed.pending(d)).isLessThanOrEqualTo(Ftp.MAX_LINE + 128);
            }
        });
        feed.end(EndReason.SHUTDOWN);
        assertThat(s.records).hasSize(1);
        for (FTPTransfer t : ((FTP) s.records.get(0)).getTransfersList()) {
            if (!t.getDataAddress().startsWith("2.2.2.2:")) {
                continue;
            }
            int port = Integer.parseInt(t.getDataAddress().substring(8));
            Conversation dc = new Conversation(Conversation.Transport.TCP, "1.1.1.1", 2, "2.2.2.2", port, 0);
            StreamFeeder data2 = new StreamFeeder(dc, new FtpData(dc, s.env));
            data2.replay(data, () -> assertThat(channels.heldBytes()).isBetween(0L, CAP));
            data2.end(EndReason.FIN);
        }
        assertThat(s.files).allSatisfy(f -> assertThat(f.complete).isNotNull());
    }
}
