package io.netcap.decoder.stream.credentials;

import static io.netcap.decoder.stream.credentials.Script.b64;
import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.StreamCounters;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.decoder.stream.StreamSelector;
import io.netcap.decoder.stream.StreamShared;
import io.netcap.decoder.stream.StreamSession;
import io.netcap.decoder.stream.EndReason;
import io.netcap.decoder.stream.files.FileExtraction;
import io.netcap.types.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The capture-wide de-duplication, the memory bound, stop-after-match, the custom regex and the session tap. */
class HarvestingTest {
    private final List<Credentials> records = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    private Harvesting harvesting(HarvestConfig config, CredentialStore store) {
        return new Harvesting(config, store, (t, m) -> records.add((Credentials) m),
                (kind, c, message) -> errors.add(kind));
    }

    private static Script ftpLogin() {
        return new Script(21).server("220 ready\r\n").client("USER anna\r\n").client("PASS x\r\n");
    }

    @Test
    void aLoginRepeatedInAnotherWorkersConnectionIsWrittenOnceTheEarliest() {
        CredentialStore shared = new CredentialStore();
        Harvesting one = harvesting(HarvestConfig.defaults(), shared);
        Harvesting two = harvesting(HarvestConfig.defaults(), shared);
        // the later connection is harvested first, as a busier worker may do
        ftpLogin().feed(two.open(Script.conversation(40_001, 21)), -1, -1);
        ftpLogin().feed(one.open(Script.conversation(40_000, 21)), -1, -1);
        assertThat(records).isEmpty(); // written when the capture ends
        List<Credentials> written = shared.drain();
        assertThat(written).hasSize(1);
        assertThat(written.getFirst().getFlow()).isEqualTo("10.0.0.1:40000->10.0.0.2:21");
        assertThat(one.written() + two.written()).isEqualTo(1);
        assertThat(one.duplicates() + two.duplicates()).isEqualTo(1);
        // another password of the same user is another credential
        new Script(21).server("220 ready\r\n").client("USER anna\r\nPASS y\r\n")
                .feed(two.open(Script.conversation(40_002, 21)), -1, -1);
        assertThat(shared.drain()).extracting(Credentials::getPassword).containsExactly("y");
    }

    @Test
    void aLoginRepeatedInOneWorkersConnectionsIsWrittenOnceTheEarliestInAnyOrder() {
        CredentialStore store = new CredentialStore();
        Harvesting h = harvesting(HarvestConfig.defaults(), store);
        long[] firstSeen = {2_000, 3_000, 1_000, 4_000, 1_000};
        for (int i = 0; i < firstSeen.length; i++) {
            ftpLogin().feed(h.open(new Conversation(Conversation.Transport.TCP, "10.0.0.1", 40_000 + i, "10.0.0.2",
                    21, firstSeen[i])), -1, -1);
        }
        List<Credentials> written = store.drain();
        assertThat(written).extracting(Credentials::getFlow).containsExactly("10.0.0.1:40002->10.0.0.2:21");
        assertThat(written.getFirst().getTimestamp()).isEqualTo(1_000);
        assertThat(h.written()).isEqualTo(1);
        assertThat(h.duplicates()).isEqualTo(4);
    }

    @Test
    void pastTheCapCredentialsAreWrittenAtOnceAndNotRemembered() {
        CredentialStore store = new CredentialStore(1);
        Harvesting h = harvesting(HarvestConfig.defaults(), store);
        for (int i = 0; i < 3; i++) {
            new Script(21).server("220 ready\r\n").client("USER u" + i + "\r\nPASS p\r\n")
                    .feed(h.open(Script.conversation(40_000 + i, 21)), -1, -1);
        }
        assertThat(records).extracting(Credentials::getUser).containsExactly("u1", "u2");
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.drain()).extracting(Credentials::getUser).containsExactly("u0");
        assertThat(h.unremembered()).isEqualTo(2);
        assertThat(h.written()).isEqualTo(3);
    }

    @Test
    void aLaterLoginInAHugeSessionIsFoundWithBoundedMemory() {
        CredentialStore store = new CredentialStore();
        Harvesting h = harvesting(HarvestConfig.defaults(), store);
        ConversationHarvest c = h.open(Script.conversation(40_000, 143));
        c.data(Direction.SERVER_TO_CLIENT, bytes("* OK ready\r\n"), 0, 12);
        Random random = new Random(7);
        byte[] chunk = new byte[64 * 1024];
        int maxRetained = 0;
        for (int i = 0; i < 800; i++) { // 50 MiB each way: long binary "lines" and text lines
            random.nextBytes(chunk);
            if (i % 2 == 0) {
                Arrays.fill(chunk, 100, 200, (byte) '\n');
            }
            c.data(Direction.CLIENT_TO_SERVER, chunk, 0, chunk.length);
            c.data(Direction.SERVER_TO_CLIENT, chunk, 0, chunk.length);
            maxRetained = Math.max(maxRetained, c.retained());
        }
        byte[] login = bytes("\r\na9 LOGIN late pw\r\n");
        c.data(Direction.CLIENT_TO_SERVER, login, 0, login.length);
        c.end();
        assertThat(maxRetained).isLessThanOrEqualTo(2 * LineSplitter.MAX_LINE + HarvestConfig.defaults().bannerBytes());
        assertThat(store.drain()).extracting(Credentials::getService, Credentials::getUser, Credentials::getPassword)
                .contains(org.assertj.core.groups.Tuple.tuple("IMAP Plain Single Line", "late", "pw"));
    }

    @Test
    void stopAfterMatchKeepsOnlyTheFirstHarvesterThatMatched() {
        Script s = new Script(21).server("220 ready\r\n").client("USER anna\r\nPASS x\r\n")
                .client("GET / HTTP/1.1\r\nAuthorization: Basic " + b64("bob:pw") + "\r\n\r\n")
                .client("USER anna2\r\nPASS y\r\n");
        assertThat(s.run()).extracting(Credentials::getUser).containsExactly("anna", "anna2");
        assertThat(s.run(new HarvestConfig(256, "", false), -1, -1)).extracting(Credentials::getUser)
                .containsExactlyInAnyOrder("anna", "bob", "anna2");
    }

    @Test
    void customRegexSeesTheFirstBannerBytesAndWritesOnlyNotes() {
        Script s = new Script(9999).client("hello token=abc123 key=k1\r\n").server("ok token=zzz\r\n");
        List<Credentials> found = s.run(new HarvestConfig(256, "token=(\\w+) key=(\\w+)", true), -1, -1);
        assertThat(found).hasSize(1);
        Credentials c = found.getFirst();
        assertThat(c.getNotes()).isEqualTo("token=abc123 key=k1 abc123  k1 ");
        assertThat(c.getService()).isEmpty();
        assertThat(c.getUser()).isEmpty();
        assertThat(c.getTimestamp()).isZero();
        assertThat(c.getFlow()).isEmpty();
        // outside the window: no match
        assertThat(s.run(new HarvestConfig(10, "token=(\\w+) key=(\\w+)", true), -1, -1)).isEmpty();
        // no group: no credential
        assertThat(s.run(new HarvestConfig(256, "token=\\w+", true), -1, -1)).isEmpty();
    }

    @Test
    void customRegexRunsOnlyWhenNoHarvesterMatchedUnlessAllRun() {
        Script s = ftpLogin().client("token=abc\r\n");
        assertThat(s.run(new HarvestConfig(256, "token=(\\w+)", true), -1, -1)).hasSize(1);
        assertThat(s.run(new HarvestConfig(256, "token=(\\w+)", false), -1, -1)).hasSize(2);
    }

    @Test
    void aGapAbandonsTheLoginInProgress() {
        CredentialStore store = new CredentialStore();
        Harvesting h = harvesting(HarvestConfig.defaults(), store);
        ConversationHarvest c = h.open(Script.conversation(40_000, 25));
        byte[] auth = bytes("AUTH LOGIN\r\n");
        byte[] prompt = bytes("334 " + b64("Username:") + "\r\n");
        c.data(Direction.CLIENT_TO_SERVER, auth, 0, auth.length);
        c.data(Direction.SERVER_TO_CLIENT, prompt, 0, prompt.length);
        c.gap(Direction.CLIENT_TO_SERVER);
        byte[] user = bytes(b64("alice") + "\r\n");
        c.data(Direction.CLIENT_TO_SERVER, user, 0, user.length);
        c.end();
        assertThat(store.drain()).isEmpty();
        assertThat(h.malformed()).isZero();
    }

    @Test
    void badBase64IsCountedNotThrown() {
        Harvesting h = harvesting(HarvestConfig.defaults(), new CredentialStore());
        new Script(25).client("AUTH PLAIN !!!notbase64\r\n").feed(h.open(Script.conversation(1, 25)), -1, -1);
        assertThat(records).isEmpty();
        assertThat(h.malformed()).isEqualTo(1);
        assertThat(errors).isEmpty();
    }

    @Test
    void theSessionTapFeedsEveryConversationWhateverItsParser() {
        CredentialStore store = new CredentialStore();
        Harvesting h = harvesting(HarvestConfig.defaults(), store);
        StreamEnv env = new StreamEnv((t, m) -> records.add((Credentials) m), FileExtraction.OFF,
                (kind, c, message) -> errors.add(kind), StreamShared.standalone(), h);
        StreamSession s = new StreamSession(Script.conversation(40_000, 21), new StreamSelector(List.of()), env,
                new StreamCounters(), 1 << 20);
        byte[] greeting = bytes("220 ready\r\n");
        byte[] login = bytes("USER anna\r\nPASS x\r\n");
        s.data(Direction.SERVER_TO_CLIENT, greeting, 0, greeting.length, 5);
        s.data(Direction.CLIENT_TO_SERVER, login, 0, login.length, 6);
        s.end(EndReason.FIN);
        assertThat(store.drain()).extracting(Credentials::getUser, Credentials::getPassword)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("anna", "x"));
        assertThat(errors).isEmpty();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
