package io.netcap.decoder.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.stream.files.FileExtraction;
import io.netcap.types.RecordType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A row without ports (FTP data) matches only what no other row claims or may still claim. */
class StreamSelectorTest {
    private static final StreamEnv ENV = new StreamEnv((t, m) -> { }, FileExtraction.OFF, (k, c, m) -> { });
    private static final Conversation CONV =
            new Conversation(Conversation.Transport.TCP, "1.1.1.1", 40000, "2.2.2.2", 8080, 0);

    private static StreamProtocol row(String name, int[] ports, StreamProbe.Verdict v) {
        return new StreamProtocol(name, Set.of(RecordType.FTP), Set.of(Conversation.Transport.TCP), ports,
                (c, cl, s, sl) -> v, (c, e) -> null);
    }

    private static StreamProtocol select(boolean force, StreamProtocol... rows) {
        return new StreamSelector(List.of(rows)).select(CONV, ENV, new byte[1], 1, new byte[0], 0, force);
    }

    @Test
    void portlessRowWaitsForOtherRows() {
        StreamProtocol data = row("data", new int[0], StreamProbe.Verdict.MATCH);
        StreamProtocol waiting = row("waiting", new int[] {80}, StreamProbe.Verdict.MORE);
        StreamProtocol matching = row("matching", new int[] {80}, StreamProbe.Verdict.MATCH);
        StreamProtocol refusing = row("refusing", new int[] {80}, StreamProbe.Verdict.NO);
        assertThat(select(false, waiting, data)).isSameAs(StreamSelector.UNDECIDED);
        assertThat(select(true, waiting, data)).isSameAs(data);
        assertThat(select(false, data, matching)).isSameAs(matching);
        assertThat(select(false, refusing, data)).isSameAs(data);
        // rows with ports keep their rule: a match wins over a row waiting on another port
        assertThat(select(false, waiting, matching)).isSameAs(matching);
    }
}
