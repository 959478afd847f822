package io.netcap.decoder.stream.credentials;

import static io.netcap.decoder.stream.credentials.Script.b64;
import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.stream.Direction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A harvester given only the client lines its {@link Harvester#clientLines()} passes behaves as one given every
 * line: over random dialogues of login commands, replies, prompts, gaps and noise, both report the same
 * credentials and ask for the same bodies. The one given every line is the oracle.
 */
class LineFilterTest {
    private static final String[] CLIENT = {
        "GET / HTTP/1.1", "POST /login HTTP/1.0", "Authorization: Basic " + b64("anna:pw"),
        "authorization: Digest username=\"x\"", "Content-Length: 13", "Content-Type: application/x-www-form-urlencoded",
        "", "Host: example", "a1 LOGIN alice secret", "a2 login \"bob\" \"pw\"", "a3 AUTHENTICATE PLAIN",
        "a4 authenticate LOGIN", "a5 LOGIN", "AUTH PLAIN " + b64("\0u\0p"), "AUTH LOGIN", "auth cram-md5",
        "AUTH XOAUTH2", "AUTH PLAIN", b64("alice"), b64("pw"), b64("\0carl\0pw"),
        b64("user=u\u0001auth=Bearer t\u0001\u0001"), "*", "USER anna", "PASS x", "user bob", "pass y",
        "APOP anna c4c9334bac560ecc979e58001b3e22fb", "EHLO x", "DATA", "x LOGINx", " a LOGIN c d", "a  LOGIN c d",
        "Username", "password", "\u00ff\u00fb\u0018", "LOGIN", "a LOGIN", "Authorizatio", "AUTHX", "auth\tplain",
        "CONTENT-TYPE: application/x-www-form-urlencoded", "content-length:13", "apop x y", "USERS", "GET / HTTP/1.0",
        "PUT /x HTTP/1.2", "Accept: */*", "Cookie: a=b",
    };
    private static final String[] SERVER = {
        "220 ready", "+OK hi", "331 ok", "530 no", "334 " + b64("Username:"), "334 " + b64("Password:"), "334 ",
        "334 " + b64("<1896.697170952@postoffice.example.net>"), "+ ", "+ " + b64("Password:"), "+ " + b64("User"),
        "* OK", "235 ok", "a1 OK done", "-ERR", "HTTP/1.1 200 OK",
    };
    private static final String[] PROMPTS = {"login:", "Password:", "Username: ", "Enter:"};

    /** Every filter a harvester gave in the dialogues. */
    private final Set<LineFilter> seen = new LinkedHashSet<>();

    @Test
    void theUnionOfFiltersPassesWhatAnyOfThemPasses() {
        everyHarvesterGivenOnlyTheLinesItsFilterPassesFindsTheSame();
        List<LineFilter> filters = new ArrayList<>(seen);
        assertThat(filters).hasSizeGreaterThan(5);
        Random r = new Random(3);
        for (int set = 0; set < 1 << filters.size(); set++) {
            int bits = 0;
            for (int i = 0; i < filters.size(); i++) {
                bits |= (set & 1 << i) != 0 ? filters.get(i).bit : 0;
            }
            LineFilter union = LineFilter.union(bits);
            for (int n = 0; n < 200; n++) {
                Line line = line(r);
                boolean any = false;
                for (int i = 0; i < filters.size(); i++) {
                    any |= (set & 1 << i) != 0 && passes(filters.get(i), line);
                }
                assertThat(passes(union, line)).as("set %d line %s", set, line.text()).isEqualTo(any);
            }
        }
    }

    @Test
    void aHarvesterMadeAtItsFirstClientLineWouldHaveReadNothingBefore() {
        for (Harvesters kind : Harvesters.values()) {
            if (kind.fresh() == null) {
                continue;
            }
            for (int seed = 0; seed < 500; seed++) {
                Random r = new Random(seed);
                Run run = new Run(kind.create());
                assertThat(run.filter).isSameAs(kind.fresh());
                for (int step = 0; step < 20; step++) {
                    switch (r.nextInt(3)) {
                        case 0 -> run.server(text(SERVER[r.nextInt(SERVER.length)]));
                        case 1 -> run.prompt(PROMPTS[r.nextInt(PROMPTS.length)]);
                        default -> run.gap(r.nextBoolean() ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT);
                    }
                    assertThat(run.filter).as("%s seed %d", kind, seed).isSameAs(kind.fresh());
                    assertThat(run.h.wantsServerLines()).isFalse();
                }
                assertThat(run.found).isEmpty();
            }
        }
    }

    @Test
    void everyHarvesterGivenOnlyTheLinesItsFilterPassesFindsTheSame() {
        for (Harvesters kind : Harvesters.values()) {
            for (int seed = 0; seed < 3_000; seed++) {
                Random r = new Random(seed);
                Run all = new Run(kind.create());
                Run filtered = new Run(kind.create());
                for (int step = 0; step < 30; step++) {
                    int what = r.nextInt(10);
                    if (what < 5) {
                        Line line = line(r);
                        long a = all.client(line, false);
                        long f = filtered.client(line, true);
                        assertThat(f).as("%s seed %d step %d", kind, seed, step).isEqualTo(a);
                        if (a > 0) {
                            byte[] body = "user=a&pass=b".getBytes(StandardCharsets.ISO_8859_1);
                            all.body(body);
                            filtered.body(body);
                        }
                    } else if (what < 8) {
                        Line line = text(SERVER[r.nextInt(SERVER.length)]);
                        all.server(line);
                        filtered.server(line);
                    } else if (what < 9) {
                        String p = PROMPTS[r.nextInt(PROMPTS.length)];
                        all.prompt(p);
                        filtered.prompt(p);
                    } else {
                        Direction d = r.nextBoolean() ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
                        all.gap(d);
                        filtered.gap(d);
                    }
                    assertThat(filtered.found).as("%s seed %d step %d", kind, seed, step).isEqualTo(all.found);
                }
            }
        }
    }

    private static Line line(Random r) {
        if (r.nextInt(8) > 0) {
            return text(CLIENT[r.nextInt(CLIENT.length)]);
        }
        byte[] b = new byte[r.nextInt(12)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) "aAlLuUpP  GH:\u00ff10".charAt(r.nextInt(16));
        }
        return new Line().set(b, 0, b.length);
    }

    /** Whether {@code f} lets the line through (its bytes are its ISO-8859-1 text). */
    private static boolean passes(LineFilter f, Line line) {
        byte[] b = line.text().getBytes(StandardCharsets.ISO_8859_1);
        return f.passes(b, 0, b.length);
    }

    private static Line text(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return new Line().set(b, 0, b.length);
    }

    /** One harvester and what it reported. */
    private final class Run implements Harvester.Found {
        private final Harvester h;
        private LineFilter filter;
        final List<String> found = new ArrayList<>();

        Run(Harvester h) {
            this.h = h;
            this.filter = h.clientLines();
        }

        private void ask() {
            filter = h.clientLines();
            seen.add(filter);
        }

        long client(Line line, boolean filtered) {
            if (filtered && !passes(filter, line)) {
                return 0;
            }
            long body = h.line(Direction.CLIENT_TO_SERVER, line, this);
            ask();
            return body;
        }

        void server(Line line) {
            h.line(Direction.SERVER_TO_CLIENT, line, this);
            ask();
        }

        void prompt(String text) {
            h.prompt(text);
            ask();
        }

        void body(byte[] b) {
            h.body(b, 0, b.length);
            h.bodyEnd(this);
            ask();
        }

        void gap(Direction d) {
            h.gap(d);
            ask();
        }

        @Override
        public void found(String service, String user, String password, String notes) {
            found.add(service + "|" + user + "|" + password + "|" + notes);
        }

        @Override
        public void malformed() {
            found.add("malformed");
        }
    }
}
