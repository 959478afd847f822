package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** errors.log's summary stays bounded whatever the messages carry. */
class SpecialPcapsTest {
    @TempDir
    Path tmp;

    @Test
    void theSummaryCountsMessagesBeyondItsCapOnOneLine() throws Exception {
        int distinct = SpecialPcaps.MAX_MESSAGES + 5;
        try (SpecialPcaps specials = new SpecialPcaps(tmp, false, true)) {
            for (int i = 0; i < distinct; i++) { // a message with a value from the traffic: each one new
                specials.streamError(null, 0, "MALFORMED_SMTP", "TCP 10.0.0.1:1->10.0.0.2:25", i + " bytes missing");
            }
            specials.streamError(null, 0, "MALFORMED_SMTP", "TCP 10.0.0.1:1->10.0.0.2:25", "0 bytes missing");
        }
        String log = Files.readString(tmp.resolve("errors.log"));
        List<String> summary = log.substring(log.indexOf("Error summary:\n") + 15).lines().toList();
        assertThat(summary).hasSize(SpecialPcaps.MAX_MESSAGES + 1)
                .contains("2\tMALFORMED_SMTP: 0 bytes missing") // one already counted still counts
                .endsWith("5\t(messages beyond the first 10000 distinct ones)");
        assertThat(log).contains("Error: MALFORMED_SMTP: 10004 bytes missing\nConversation: TCP 10.0.0.1:1->10.0.0.2:25\n");
    }
}
