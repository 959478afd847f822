package io.netcap.decoder.stream.credentials;

import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import io.netcap.types.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A hand-built conversation: segments of client and server bytes in order, fed to a harvesting. */
final class Script {
    record Segment(Direction d, byte[] bytes) {}

    final List<Segment> segments = new ArrayList<>();
    final int serverPort;

    Script(int serverPort) {
        this.serverPort = serverPort;
    }

    Script client(String s) {
        return client(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    Script client(byte[] b) {
        segments.add(new Segment(Direction.CLIENT_TO_SERVER, b));
        return this;
    }

    Script server(String s) {
        return server(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    Script server(byte[] b) {
        segments.add(new Segment(Direction.SERVER_TO_CLIENT, b));
        return this;
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static Conversation conversation(int clientPort, int serverPort) {
        return new Conversation(Conversation.Transport.TCP, "10.0.0.1", clientPort, "10.0.0.2", serverPort, 1_000L);
    }

    /** Runs the script on a fresh harvesting; segment {@code split} is cut at byte {@code at} (-1: none). */
    List<Credentials> run(HarvestConfig config, int split, int at) {
        List<Credentials> out = new ArrayList<>();
        CredentialStore store = new CredentialStore();
        Harvesting h = new Harvesting(config, store, (t, m) -> out.add((Credentials) m),
                (kind, c, message) -> { throw new AssertionError(kind + ": " + message); });
        feed(h.open(conversation(40_000, serverPort)), split, at);
        out.addAll(store.drain());
        return out;
    }

    List<Credentials> run() {
        return run(HarvestConfig.defaults(), -1, -1);
    }

    void feed(ConversationHarvest c, int split, int at) {
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (i == split) {
                c.data(s.d(), s.bytes(), 0, at);
                c.data(s.d(), s.bytes(), at, s.bytes().length - at);
            } else {
                c.data(s.d(), s.bytes(), 0, s.bytes().length);
            }
        }
        c.end();
    }

    /** Every script fed byte by byte: one call per byte. */
    List<Credentials> runBytewise() {
        List<Credentials> out = new ArrayList<>();
        CredentialStore store = new CredentialStore();
        Harvesting h = new Harvesting(HarvestConfig.defaults(), store, (t, m) -> out.add((Credentials) m),
                (kind, c, message) -> { throw new AssertionError(kind); });
        ConversationHarvest c = h.open(conversation(40_000, serverPort));
        for (Segment s : segments) {
            for (int i = 0; i < s.bytes().length; i++) {
                c.data(s.d(), s.bytes(), i, 1);
            }
        }
        c.end();
        out.addAll(store.drain());
        return out;
    }
}
