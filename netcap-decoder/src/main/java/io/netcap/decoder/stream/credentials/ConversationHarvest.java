package io.netcap.decoder.stream.credentials;

import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;

/**
 * The credential harvesting of one conversation: both directions cut into lines and given to the harvesters
 * in the order of docs/streams.md (the one of the server port, the one of the client port, then FTP, HTTP,
 * SMTP, Telnet, IMAP, POP3), and the first {@code -hbsize} bytes kept for the custom regex. What it holds is
 * bounded: a line per direction, a form body, the custom window.
 *
 * <p>A harvester that throws is a bug: harvesting of this conversation stops, counted, and the capture goes on.
 */
public final class ConversationHarvest implements Harvester.Found {
    private final Harvesting owner;
    private final Conversation conversation;
    /** The harvesters' order; {@link #harvesters} holds each once made (see {@link Harvesters}), else null. */
    private final Harvesters[] kinds;
    private final Harvester[] harvesters;
    /**
     * Each harvester's {@link Harvester#clientLines()} as last asked; for one made at its first client line (see
     * {@link Harvesters#fresh()}) what it would read when made; null for the others not made yet.
     */
    private final LineFilter[] filters;
    private final LineSplitter client;
    private final LineSplitter server;
    private final Lines clientLines = new Lines(Direction.CLIENT_TO_SERVER);
    private final Lines serverLines = new Lines(Direction.SERVER_TO_CLIENT);
    private final Line line = new Line();
    /** The client began with a TLS record: nothing in clear text to harvest (the custom window still runs). */
    private boolean encrypted;
    private boolean clientStarted;
    /** A server line was read: the one that makes FTP's and POP3's harvesters, if it greets as they do. */
    private boolean serverSpoke;
    /** {@link #wantsServerLines()} as last worked out, and whether lines read since may have changed it. */
    private boolean serverWanted;
    private boolean serverWantedStale = true;
    /** With stop-after-match: the harvester that found a login here; the others no longer run. */
    private Harvester winner;
    private Harvester current;
    /** The custom regex's window, null without one or once run. */
    private byte[] window;
    private int windowLen;
    private boolean failed;

    ConversationHarvest(Harvesting owner, Conversation conversation) {
        this.owner = owner;
        this.conversation = conversation;
        this.kinds = Harvesters.forPorts(conversation.serverPort(), conversation.clientPort());
        this.harvesters = new Harvester[kinds.length];
        this.filters = new LineFilter[kinds.length];
        boolean telnet = Harvesters.isTelnet(conversation.serverPort()) || Harvesters.isTelnet(conversation.clientPort());
        this.client = new LineSplitter(telnet);
        this.server = new LineSplitter(telnet);
        for (int k = 0; k < kinds.length; k++) {
            filters[k] = kinds[k].fresh();
        }
        refilter();
        if (owner.custom() != null && owner.config().bannerBytes() > 0) {
            window = new byte[0];
        }
    }

    public void data(Direction d, byte[] b, int off, int len) {
        if (failed) {
            return;
        }
        try {
            if (d == Direction.CLIENT_TO_SERVER && !clientStarted && len > 0) {
                clientStarted = true;
                // a TLS handshake record (RFC 8446 5.1: type 22, legacy version 3.x)
                encrypted = len >= 2 && b[off] == 22 && b[off + 1] == 3;
            }
            if (!encrypted && d == Direction.CLIENT_TO_SERVER) {
                client.feed(b, off, len, clientLines, true);
            } else if (!encrypted) {
                if (serverWantedStale) {
                    serverWanted = wantsServerLines();
                    serverWantedStale = false;
                }
                server.feed(b, off, len, serverLines, server.telnet() || client.telnet() || serverWanted);
            }
            if (window != null) {
                window(b, off, len);
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    public void gap(Direction d) {
        if (failed) {
            return;
        }
        try {
            (d == Direction.CLIENT_TO_SERVER ? client : server).reset();
            (d == Direction.CLIENT_TO_SERVER ? clientLines : serverLines).reset();
            serverWantedStale = true;
            for (int k = 0; k < harvesters.length; k++) {
                if (harvesters[k] != null) {
                    harvesters[k].gap(d);
                    ask(k);
                }
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    public void end() {
        if (!failed && window != null) {
            try {
                custom();
            } catch (RuntimeException e) {
                fail(e);
            }
        }
        window = null;
    }

    private Harvester make(int k) {
        harvesters[k] = kinds[k].create();
        ask(k);
        return harvesters[k];
    }

    /** After a call into harvester {@code k}: which client lines it reads now. */
    private void ask(int k) {
        LineFilter f = harvesters[k].clientLines();
        if (f != filters[k]) {
            filters[k] = f;
            refilter();
        }
    }

    /** The client's splitter hands over the lines any running harvester reads (the winner's once there is one). */
    private void refilter() {
        int bits = 0;
        for (int k = 0; k < harvesters.length; k++) {
            if (filters[k] != null && (winner == null || harvesters[k] == winner)) {
                bits |= filters[k].bit;
            }
        }
        client.filter(LineFilter.union(bits));
    }

    /** Bytes held for this conversation (for the memory bound's test). */
    int retained() {
        return client.retained() + server.retained() + (window == null ? 0 : window.length);
    }

    private boolean wantsServerLines() {
        if (winner == null && !serverSpoke) {
            return true; // the first line tells whether FTP or POP3 is spoken
        }
        for (Harvester h : harvesters) {
            if (h != null && (winner == null || h == winner) && h.wantsServerLines()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void found(String service, String user, String password, String notes) {
        if (owner.config().stopAfterMatch() && winner == null) {
            winner = current;
            refilter();
        }
        owner.write(conversation, service, user, password, notes, true);
    }

    @Override
    public void malformed() {
        owner.countMalformed();
    }

    private void window(byte[] b, int off, int len) {
        int cap = owner.config().bannerBytes();
        int n = Math.min(len, cap - windowLen);
        if (windowLen + n > window.length) {
            window = java.util.Arrays.copyOf(window, Math.min(cap, Math.max(windowLen + n, window.length * 2)));
        }
        System.arraycopy(b, off, window, windowLen, n);
        windowLen += n;
        if (windowLen == cap) {
            custom();
            window = null;
        }
    }

    /**
     * The custom regex on the window, as the original: run only when no harvester matched (with
     * stop-after-match); with at least one group, the notes are the match and then each group between single
     * spaces, and no other field is set.
     */
    private void custom() {
        if (owner.config().stopAfterMatch() && winner != null) {
            return;
        }
        Matcher m = owner.custom().matcher(new String(window, 0, windowLen, StandardCharsets.ISO_8859_1));
        if (m.groupCount() < 1 || !m.find()) {
            return;
        }
        StringBuilder notes = new StringBuilder(Text.utf8(m.group()));
        for (int g = 1; g <= m.groupCount(); g++) {
            notes.append(' ').append(m.group(g) == null ? "" : Text.utf8(m.group(g))).append(' ');
        }
        owner.write(conversation, "", "", "", notes.toString(), false);
    }

    private void fail(RuntimeException e) {
        failed = true;
        window = null;
        owner.failure(conversation, e);
    }

    /** One direction's lines to the harvesters. */
    private final class Lines implements LineSplitter.Lines {
        private final Direction direction;
        /** The harvester a body goes to. */
        private Harvester bodyTo;
        /** Where the prompt offered of the server's current line ends (after its colon), or -1. */
        private int promptedAt = -1;

        Lines(Direction direction) {
            this.direction = direction;
        }

        void reset() {
            bodyTo = null;
            promptedAt = -1;
        }

        @Override
        public boolean line(byte[] b, int off, int len) {
            Line text = line.set(b, off, len);
            boolean fromServer = direction == Direction.SERVER_TO_CLIENT;
            if (fromServer) {
                prompt(b, off, len);
                if (!serverSpoke) {
                    serverSpoke = true;
                    greeted(text);
                }
            }
            promptedAt = -1;
            serverWantedStale = true;
            for (int k = 0; k < harvesters.length; k++) {
                Harvester h = harvesters[k];
                if (winner != null && h != winner) {
                    continue;
                }
                if (fromServer ? h == null : filters[k] == null || !filters[k].passes(b, off, len)) {
                    continue;
                }
                if (h == null) {
                    h = make(k); // its first client line: until now it would have read nothing
                }
                current = h;
                long body = h.line(direction, text, ConversationHarvest.this);
                ask(k);
                if (body > 0 && bodyTo == null) {
                    bodyTo = h;
                    (direction == Direction.CLIENT_TO_SERVER ? client : server).skip(body);
                }
            }
            // while no harvester needs them, the server's further lines would be read for nothing
            return !fromServer || server.telnet() || client.telnet() || wantsServerLines();
        }

        /** The server's first line makes the harvesters it greets for (FTP, POP3), unless one already won. */
        private void greeted(Line first) {
            if (winner != null) {
                return;
            }
            for (int k = 0; k < kinds.length; k++) {
                if (harvesters[k] == null && kinds[k].greetedBy(first)) {
                    make(k);
                }
            }
        }

        @Override
        public void partial(byte[] b, int len) {
            // a prompt is offered once; the line may grow into another ("login: " ... "Password:" on one line)
            if (direction == Direction.SERVER_TO_CLIENT) {
                prompt(b, 0, len);
            }
        }

        /**
         * A line ending with a colon (and spaces) is offered as a prompt, once. Only in a Telnet conversation: a
         * colon ends many lines of other protocols.
         */
        private void prompt(byte[] b, int off, int len) {
            if (!client.telnet() && !server.telnet()) {
                return;
            }
            int i = len - 1;
            while (i >= 0 && b[off + i] == ' ') {
                i--;
            }
            if (i < 0 || b[off + i] != ':' || i + 1 == promptedAt) {
                return;
            }
            promptedAt = i + 1;
            serverWantedStale = true;
            String text = new String(b, off, i + 1, StandardCharsets.ISO_8859_1);
            for (int k = 0; k < kinds.length; k++) {
                if (harvesters[k] == null && kinds[k] == Harvesters.TELNET && winner == null) {
                    make(k); // the first prompt: the harvester that answers prompts
                }
                Harvester h = harvesters[k];
                if (h != null && (winner == null || h == winner)) {
                    h.prompt(text);
                    ask(k);
                }
            }
        }

        @Override
        public void body(byte[] b, int off, int len) {
            if (bodyTo != null) {
                bodyTo.body(b, off, len);
            }
        }

        @Override
        public void bodyEnd() {
            Harvester h = bodyTo;
            bodyTo = null;
            serverWantedStale = true;
            if (h != null) {
                current = h;
                h.bodyEnd(ConversationHarvest.this);
                for (int k = 0; k < harvesters.length; k++) {
                    if (harvesters[k] == h) {
                        ask(k);
                    }
                }
            }
        }
    }
}
