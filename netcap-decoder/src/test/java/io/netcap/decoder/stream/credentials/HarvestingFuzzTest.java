package io.netcap.decoder.stream.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netcap.decoder.stream.Direction;
import java.util.ArrayList;
import java.util.List;

/**
 * Arbitrary conversations (segments of either direction, gaps, on the ports that put each harvester first):
 * no exception escapes, no failure is counted, and the bytes held stay within the bound.
 */
class HarvestingFuzzTest {
    private static final int[] PORTS = {21, 23, 25, 80, 110, 143, 9999};

    @FuzzTest(maxDuration = "30s")
    void conversations(byte[] data) {
        if (data.length < 2) {
            return;
        }
        List<String> errors = new ArrayList<>();
        Harvesting h = new Harvesting(new HarvestConfig(64, "(?i)user=(\\w+)", (data[0] & 1) == 0),
                new CredentialStore(16), (t, m) -> { }, (kind, c, message) -> errors.add(kind + message));
        ConversationHarvest c = h.open(Script.conversation(40_000, PORTS[(data[0] & 0xFF) % PORTS.length]));
        int i = 1;
        while (i < data.length) {
            int op = data[i++] & 0xFF;
            int len = Math.min(op & 0x3F, data.length - i);
            Direction d = (op & 0x80) == 0 ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
            if ((op & 0x40) != 0 && len == 0) {
                c.gap(d);
            } else {
                c.data(d, data, i, len);
            }
            i += len;
            assertThat(c.retained()).isLessThanOrEqualTo(2 * LineSplitter.MAX_LINE + 64);
        }
        c.end();
        assertThat(errors).isEmpty();
        assertThat(h.failures()).isZero();
    }
}
