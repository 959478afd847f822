package io.netcap.decoder.stream.http;

import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.EndReason;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.decoder.stream.StreamParser;
import io.netcap.decoder.stream.files.FileExtraction;
import io.netcap.decoder.stream.files.FileExtraction.BodySink;
import io.netcap.decoder.stream.files.FileOrigin;
import io.netcap.decoder.stream.http.HttpMessage.RequestInfo;
import io.netcap.types.HTTP;
import io.netcap.types.RecordType;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A streaming HTTP/1.x parser (RFC 9112) of one conversation, writing {@link HTTP} records as docs/streams.md
 * ("HTTP") describes: requests from the client, responses from the server, read message by message as bytes
 * arrive (pipelining, {@code Content-Length}, chunked bodies with extensions and trailers, bodies read to the
 * close, interim 1xx responses skipped, no body after HEAD, 204 and 304, CONNECT and 101 ending HTTP on the
 * connection). Bodies stream through {@link HttpBody} (content decoding under a cap, sniffing, file
 * extraction) and are never held. The n-th final response pairs with the n-th request; a record is written as
 * soon as both are complete, requests left without response at {@link #end}.
 *
 * <p>A malformed message is counted ({@value #MALFORMED}) and its direction skipped until the other direction
 * speaks; the original likewise skips the rest of a run of one direction.
 *
 * <p>Over UDP each {@link #parse} call must be one datagram: a message ends with its datagram (HTTPU), and every
 * call consumes all its bytes.
 */
public final class Http implements StreamParser {
    /**
     * Caps. {@code maxHeadBytes} bounds a head and a trailer section, {@code maxFields} their fields,
     * {@code maxDecodedBody} what an inflated body may give, {@code maxFormBytes} the urlencoded form text kept,
     * {@code maxPending} the complete but unpaired messages per direction (with the head cap, what a connection
     * whose responses are never seen holds: 64 heads of at most 64 KiB, as much as the reassembler's
     * per-connection buffer).
     */
    public record Limits(int maxHeadBytes, int maxFields, long maxDecodedBody, int maxFormBytes, int maxPending) {
        public static final Limits DEFAULT = new Limits(64 * 1024, 1000, 64L << 20, 1 << 20, 64);
    }

    /** Error kinds, counted through {@link StreamEnv#errors()}. */
    public static final String MALFORMED = "MALFORMED_HTTP";
    public static final String UNMATCHED_RESPONSE = "HTTP_RESPONSE_WITHOUT_REQUEST";
    public static final String DECODED_BODY_CAP = "HTTP_DECODED_BODY_CAP";
    public static final String BAD_CONTENT_CODING = "HTTP_BAD_CONTENT_CODING";
    public static final String PENDING_CAP = "HTTP_PENDING_CAP";

    /** Line ends noted per head or trailer section: enough for nearly every one. */
    private static final int MAX_LINE_ENDS = 256;
    /** A chunk-size line longer than this is malformed (Go allows 4096 bytes). */
    private static final int MAX_CHUNK_LINE = 4096;

    private enum State {
        HEAD, LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, TO_CLOSE,
        /** After a malformed message: bytes are dropped until the other direction speaks. */
        SKIP,
        /** After a CONNECT request: bytes are dropped until its response says whether a tunnel follows. */
        AWAIT_CONNECT,
        /** No more HTTP on this connection (CONNECT tunnel, protocol switch). */
        TUNNEL,
        /** The answer to an HTTP/0.9 request: the bare document, to the connection's close. */
        SIMPLE_RESPONSE
    }

    private final Conversation conv;
    private final StreamEnv env;
    private final Limits limits;
    private final Half client = new Half(true);
    private final Half server = new Half(false);
    /**
     * Requests whose head was read and whose final response head has not come yet. This and the two queues below
     * are made when first needed: many conversations never use one.
     */
    private ArrayDeque<RequestInfo> awaitingResponse;
    /** Complete requests not yet paired, as their records. */
    private ArrayDeque<HttpRecord> requests;
    /** Complete responses not yet paired; their fields are added to their request's record when paired. */
    private ArrayDeque<HttpMessage> responses;
    /** Positions given up under the pending cap: the partners of those messages are not paired with others. */
    private int skipResponses;
    private int skipRequests;
    /** Messages queued in the current call: their heads are still in the caller's buffer ({@link #keepHeads}). */
    private int queuedRequests;
    private int queuedResponses;
    /** Heads read per direction, so that a response read before its request's head takes no later request's place. */
    private long requestHeads;
    private long responseHeads;
    private boolean ended;
    /**
     * One record buffer per thread, not per conversation: the sink copies each record, and a buffer grown to the
     * size of the records in every open conversation was most of what an open conversation held.
     */
    private static final ThreadLocal<HttpWire> WIRE = ThreadLocal.withInitial(HttpWire::new);
    private final HttpSoftware software = new HttpSoftware();

    public Http(Conversation conv, StreamEnv env) {
        this(conv, env, Limits.DEFAULT);
    }

    public Http(Conversation conv, StreamEnv env, Limits limits) {
        this.conv = conv;
        this.env = env;
        this.limits = limits;
    }

    @Override
    public int parse(Direction d, byte[] b, int off, int len, long tsNanos) {
        if (ended) {
            return len;
        }
        Half h = d == Direction.CLIENT_TO_SERVER ? client : server;
        (h == client ? server : client).peerSpoke = true;
        int consumed = h.parse(b, off, len);
        int done = conv.transport() == Conversation.Transport.UDP ? h.endOfDatagram(consumed, len) : consumed;
        keepHeads();
        return done;
    }

    /**
     * Heads are read where they lie in {@code b} ({@link MessageHead#keep}): the ones still needed after this call
     * (a message still being read, a message or record waiting for its partner) are copied before the caller
     * reuses its buffer; the others, paired and written in this call, never are.
     */
    private void keepHeads() {
        if (client.message != null) {
            client.message.head.keep();
        }
        if (server.message != null) {
            server.message.head.keep();
        }
        if (queuedRequests > 0 && !isEmpty(requests)) { // the last ones queued; those before were kept already
            var it = requests.descendingIterator();
            for (int i = 0; i < queuedRequests && it.hasNext(); i++) {
                it.next().requestHeader.keep();
            }
        }
        if (queuedResponses > 0 && !isEmpty(responses)) {
            var it = responses.descendingIterator();
            for (int i = 0; i < queuedResponses && it.hasNext(); i++) {
                it.next().head.keep();
            }
        }
        queuedRequests = 0;
        queuedResponses = 0;
    }

    @Override
    public void gap(Direction d, long skipped) {
        if (!ended) {
            (d == Direction.CLIENT_TO_SERVER ? client : server).gap(skipped);
        }
    }

    @Override
    public void end(EndReason reason, long unconsumedClient, long unconsumedServer) {
        if (ended) {
            return;
        }
        client.end();
        server.end();
        ended = true;
        pair();
        while (responses != null && !responses.isEmpty()) {
            responses.poll();
            env.errors().error(UNMATCHED_RESPONSE, conv, "response without request");
        }
        while (requests != null && !requests.isEmpty()) {
            writeUnanswered(requests.poll());
        }
        awaitingResponse = null;
    }

    /** A complete message; {@code part} is the record of a request (null for a response). */
    private void completed(HttpMessage m, HttpRecord part) {
        if (m.request) {
            if (skipRequests > 0) {
                skipRequests--;
                writeUnanswered(part);
                return;
            }
            if (!isEmpty(responses) && isEmpty(requests)) {
                emitPair(part, responses.poll()); // what pair() would do, without queueing
                return;
            }
            if (requests == null) {
                requests = new ArrayDeque<>(4);
            }
            requests.add(part);
            queuedRequests++;
            if (requests.size() > limits.maxPending()) {
                env.errors().error(PENDING_CAP, conv, "too many requests without response");
                writeUnanswered(requests.poll());
                skipResponses++;
            }
        } else {
            if (skipResponses > 0) {
                skipResponses--;
                env.errors().error(UNMATCHED_RESPONSE, conv, "response to a request given up");
                return;
            }
            if (!isEmpty(requests) && isEmpty(responses)) {
                emitPair(requests.poll(), m); // what pair() would do, without queueing
                return;
            }
            if (responses == null) {
                responses = new ArrayDeque<>(4);
            }
            responses.add(m);
            queuedResponses++;
            if (responses.size() > limits.maxPending()) {
                env.errors().error(UNMATCHED_RESPONSE, conv, "too many responses without request");
                responses.poll();
                skipRequests++;
            }
        }
        pair();
    }

    private void pair() {
        while (!isEmpty(requests) && !isEmpty(responses)) {
            emitPair(requests.poll(), responses.poll());
        }
    }

    private void emitPair(HttpRecord request, HttpMessage response) {
        HttpRecord r = HttpRecords.response(request, response);
        r.timestamp = conv.firstServerNanos();
        emit(r);
    }

    private static boolean isEmpty(ArrayDeque<?> q) {
        return q == null || q.isEmpty();
    }

    private void writeUnanswered(HttpRecord r) {
        r.timestamp = conv.firstClientNanos();
        emit(r);
    }

    /** No file for a body: it is decoded only for sniffing ({@link HttpBody}). */
    static final Supplier<BodySink> NO_FILE = () -> null;

    /** A body's file; its origin (names and texts) is only made when files are extracted. */
    private Supplier<BodySink> file(Supplier<FileOrigin> origin) {
        return env.files() == FileExtraction.OFF ? NO_FILE : () -> env.files().open(origin.get());
    }

    /** A record, in wire format: the sink takes the bytes straight (docs/streams.md, "HTTP"). */
    private void emit(HttpRecord record) {
        HttpWire wire = WIRE.get();
        wire.write(record);
        env.records().accept(RecordType.HTTP, wire.buffer(), wire.length());
    }

    /** One direction's reader; as a {@link LineScan} it finds its sections' line ends. */
    private final class Half extends LineScan {
        private final boolean isClient;
        private State state = State.HEAD;
        /** Scan position in the unconsumed bytes of a head or trailer section, and the start of its current line. */
        private int scanned;
        private int lineStart;
        /** No byte of the section last completed is above 0x7F. */
        private boolean sectionAscii;
        /**
         * The first line ends (LFs) of the section being scanned, relative to its start: not searched again. Made
         * at the first line end.
         */
        private int[] lineEnds;
        private int lines;
        /** The line ends noted of the section last completed (the scan's count is reset with it). */
        private int sectionLines;
        private long remaining;
        private HttpMessage message;
        private boolean peerSpoke;
        /** The document answering an HTTP/0.9 request: extracted as a file; the record has no response part. */
        private HttpBody simpleBody;

        Half(boolean isClient) {
            this.isClient = isClient;
        }

        int parse(byte[] b, int off, int len) {
            if (state == State.SKIP && peerSpoke) {
                state = State.HEAD; // resynchronise at the start of this direction's next turn
                resetScan();
            }
            int pos = off;
            int end = off + len;
            while (pos < end) {
                int next = step(b, pos, end);
                if (next < 0) {
                    break; // needs more bytes
                }
                pos = next;
            }
            return pos - off;
        }

        /** One step of the state machine from {@code pos}; the new position, or -1 when more bytes are needed. */
        private int step(byte[] b, int pos, int end) {
            switch (state) {
                case HEAD -> {
                    if (scanned == 0 && (b[pos] == '\r' || b[pos] == '\n')) {
                        while (pos < end && (b[pos] == '\r' || b[pos] == '\n')) {
                            pos++; // empty lines before a start line (RFC 9112 2.2)
                        }
                        return pos;
                    }
                    int headEnd = sectionEnd(b, pos, end);
                    if (headEnd < 0 || state != State.HEAD) {
                        return headEnd; // incomplete, or over the cap and skipped
                    }
                    try {
                        MessageHead head = MessageHead.parse(b, pos, headEnd, isClient, limits.maxFields(),
                                sectionAscii, lineEnds, sectionLines);
                        if (isClient) {
                            beginRequest(head);
                        } else {
                            beginResponse(head);
                        }
                    } catch (MessageHead.Malformed e) {
                        malformed(e.getMessage());
                    }
                    return headEnd;
                }
                case LENGTH, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, end - pos);
                    message.body.write(b, pos, n);
                    remaining -= n;
                    if (remaining == 0) {
                        if (state == State.LENGTH) {
                            finish(true);
                        } else {
                            state = State.CHUNK_END;
                        }
                    }
                    return pos + n;
                }
                case CHUNK_SIZE -> {
                    return chunkSize(b, pos, end);
                }
                case CHUNK_END -> {
                    if (b[pos] == '\n') {
                        state = State.CHUNK_SIZE;
                        return pos + 1;
                    }
                    if (b[pos] != '\r') {
                        malformed("chunk data not followed by CRLF");
                        return pos;
                    }
                    if (pos + 1 == end) {
                        return -1;
                    }
                    if (b[pos + 1] != '\n') {
                        malformed("chunk data not followed by CRLF");
                        return pos;
                    }
                    state = State.CHUNK_SIZE;
                    return pos + 2;
                }
                case TRAILERS -> {
                    int sectionEnd = sectionEnd(b, pos, end);
                    if (sectionEnd < 0 || state != State.TRAILERS) {
                        return sectionEnd;
                    }
                    finish(true); // trailer fields are not part of the record's header map, as in Go
                    return sectionEnd;
                }
                case TO_CLOSE -> {
                    message.body.write(b, pos, end - pos);
                    return end;
                }
                case SIMPLE_RESPONSE -> {
                    simpleBody.write(b, pos, end - pos);
                    return end;
                }
                default -> {
                    return end; // SKIP, AWAIT_CONNECT, TUNNEL
                }
            }
        }

        /**
         * The end of a head or trailer section (after its empty line) in {@code b[pos .. end)}, or -1 if it is not
         * complete yet; scans each byte once however the bytes are split, and counts an over-long section.
         */
        private int sectionEnd(byte[] b, int pos, int end) {
            int line = pos + lineStart;
            for (int i = lineFeed(b, pos + scanned, end); i < end; i = lineFeed(b, i + 1, end)) {
                lineEnd(i - pos);
                if (i == line || i == line + 1 && b[line] == '\r'
                        || line == pos && isClient && state == State.HEAD && simpleRequest(b, pos, i)) {
                    sectionLines = lines;
                    sectionAscii = high >= 0;
                    resetScan();
                    return i + 1;
                }
                line = i + 1;
            }
            scanned = end - pos;
            lineStart = line - pos;
            if (scanned > limits.maxHeadBytes()) {
                malformed("header section over " + limits.maxHeadBytes() + " bytes");
                return end;
            }
            return -1;
        }

        private static boolean simpleRequest(byte[] b, int from, int lf) {
            return MessageHead.isSimpleRequest(b, from, lf > from && b[lf - 1] == '\r' ? lf - 1 : lf);
        }

        private void resetScan() {
            scanned = 0;
            lineStart = 0;
            high = 0;
            lines = 0;
        }

        /** Notes a line end; past {@link #MAX_LINE_ENDS} the head's parser finds the rest itself. */
        private void lineEnd(int at) {
            if (lineEnds == null) {
                lineEnds = new int[16]; // most heads have fewer lines
            }
            if (lines == lineEnds.length && lines < MAX_LINE_ENDS) {
                lineEnds = java.util.Arrays.copyOf(lineEnds, 2 * lines);
            }
            if (lines < lineEnds.length) {
                lineEnds[lines++] = at;
            }
        }

        private int chunkSize(byte[] b, int pos, int end) {
            int lf = -1;
            for (int i = pos; i < end && i - pos <= MAX_CHUNK_LINE; i++) {
                if (b[i] == '\n') {
                    lf = i;
                    break;
                }
            }
            if (lf < 0) {
                if (end - pos > MAX_CHUNK_LINE) {
                    malformed("chunk-size line too long");
                    return end;
                }
                return -1;
            }
            long size = 0;
            int digits = 0;
            int i = pos;
            for (; i < lf; i++, digits++) {
                int v = HttpText.hex((char) (b[i] & 0xff));
                if (v < 0) {
                    break;
                }
                if (digits == 15) {
                    malformed("chunk size too large");
                    return lf + 1;
                }
                size = size << 4 | v;
            }
            // chunk extensions (RFC 9112 7.1.1) are ignored; whitespace before them is tolerated, as in Go
            while (i < lf && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r')) {
                i++;
            }
            if (digits == 0 || i < lf && b[i] != ';') {
                malformed("malformed chunk size");
                return lf + 1;
            }
            if (size == 0) {
                state = State.TRAILERS;
            } else {
                remaining = size;
                state = State.CHUNK_DATA;
            }
            return lf + 1;
        }

        private void beginRequest(MessageHead head) throws MessageHead.Malformed {
            String method = head.part1;
            if (method.equals("PRI") && head.part2.equals("*") && head.part3.equals("HTTP/2.0")) {
                client.state = State.TUNNEL; // the HTTP/2 connection preface (RFC 9113 3.4)
                server.state = State.TUNNEL;
                return;
            }
            RequestTarget target = RequestTarget.parse(method, head.part2);
            boolean chunked = chunked(head, true);
            long length = chunked ? -1 : contentLength(head, 0);
            String host = target.host().isEmpty() ? head.first("Host") : target.host();
            RequestInfo info = new RequestInfo(method, host, target.path(), head.allJoined("Content-Type", " "));
            if (++requestHeads > responseHeads) {
                if (awaitingResponse == null) {
                    awaitingResponse = new ArrayDeque<>(4);
                }
                awaitingResponse.add(info);
                if (awaitingResponse.size() > limits.maxPending()) {
                    awaitingResponse.poll();
                }
            }
            message = new HttpMessage(head, true, target, info, length, chunked);
            if (chunked || length > 0) {
                String type = mediaType(head.first("Content-Type"));
                boolean form = type.equals("application/x-www-form-urlencoded")
                        && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"));
                Supplier<BodySink> sink = method.equals("POST") ? file(() -> new FileOrigin(conv,
                        "HTTP POST REQUEST to " + HttpText.utf8(target.path()), fileName(target.path()),
                        HttpText.utf8(info.contentType()), HttpText.utf8(host),
                        type.equals("multipart/form-data") ? boundary(head.first("Content-Type")) : null,
                        conv.firstClientNanos())) : NO_FILE;
                message.body = new HttpBody(ContentDecoder.of(head.first("Content-Encoding")), length,
                        limits.maxDecodedBody(), form ? limits.maxFormBytes() : -1, sink);
                state = chunked ? State.CHUNK_SIZE : State.LENGTH;
                remaining = length;
            } else {
                finish(true);
            }
            if (method.equals("CONNECT") && state == State.HEAD) {
                state = State.AWAIT_CONNECT;
            } else if (head.part3.equals(MessageHead.HTTP_09)) {
                client.state = State.TUNNEL; // one request per connection; the answer is the bare document
                server.state = State.SIMPLE_RESPONSE;
                server.simpleBody = new HttpBody(ContentDecoder.Coding.IDENTITY, -1, limits.maxDecodedBody(), -1,
                        file(() -> new FileOrigin(conv, "HTTP RESPONSE from "
                                + HttpText.utf8(info.host() + info.path()), fileName(info.path()),
                                HttpText.utf8(info.contentType()), HttpText.utf8(info.host()), null,
                                conv.firstClientNanos())));
            }
        }

        private void beginResponse(MessageHead head) throws MessageHead.Malformed {
            int status = Integer.parseInt(head.part2);
            if (status >= 100 && status < 200 && status != 101) {
                return; // interim response (RFC 9110 15.2): no body, no record, the final one follows
            }
            responseHeads++;
            RequestInfo info = awaitingResponse == null ? null : awaitingResponse.poll();
            String method = info == null ? "" : info.method();
            boolean tunnel = status == 101 || method.equals("CONNECT") && status / 100 == 2;
            boolean chunked = false;
            long length;
            boolean toClose = false;
            if (method.equals("HEAD")) {
                length = Math.max(contentLength(head, -1), 0);
            } else if (status == 204 || status == 304 || status < 200) {
                length = 0;
            } else if (tunnel) {
                length = Math.max(contentLength(head, -1), 0);
            } else if (hasTransferCoding(head)) {
                chunked = chunked(head, false);
                toClose = !chunked; // RFC 9112 6.3 (4): a response coded otherwise is read to the close
                length = -1;
            } else {
                length = contentLength(head, -1);
                toClose = length < 0;
            }
            message = new HttpMessage(head, false, null, info, length, chunked);
            boolean body = chunked || toClose || length > 0 && !method.equals("HEAD") && !tunnel
                    && status != 204 && status != 304;
            if (body) {
                Supplier<BodySink> sink = file(() -> new FileOrigin(conv,
                        info == null ? "HTTP RESPONSE" : "HTTP RESPONSE from " + HttpText.utf8(info.host() + info.path()),
                        info == null ? "unknown" : fileName(info.path()),
                        info == null ? "" : HttpText.utf8(info.contentType()),
                        info == null ? "" : HttpText.utf8(info.host()), null, conv.firstClientNanos()));
                message.body = new HttpBody(ContentDecoder.of(head.first("Content-Encoding")), length,
                        limits.maxDecodedBody(), -1, sink);
                state = chunked ? State.CHUNK_SIZE : toClose ? State.TO_CLOSE : State.LENGTH;
                remaining = length;
            } else {
                finish(true);
            }
            if (tunnel) {
                client.state = State.TUNNEL;
                server.state = State.TUNNEL;
            } else if (method.equals("CONNECT") && client.state == State.AWAIT_CONNECT) {
                client.state = State.HEAD;
                client.resetScan();
            }
        }

        /** The message's body ended; a record half is complete. */
        private void finish(boolean complete) {
            HttpMessage m = message;
            message = null;
            state = State.HEAD;
            if (m.body != null) {
                m.body.finish(complete);
                if (m.body.capped()) {
                    env.errors().error(DECODED_BODY_CAP, conv,
                            "decoded body cut at " + limits.maxDecodedBody() + " bytes");
                } else if (m.body.decodingFailed() && complete) {
                    env.errors().error(BAD_CONTENT_CODING, conv, "body does not decode as its Content-Encoding says");
                }
            }
            software.offer(env, conv, m);
            completed(m, m.request ? HttpRecords.request(conv, m) : null);
        }

        private void malformed(String reason) {
            env.errors().error(MALFORMED, conv, (isClient ? "request: " : "response: ") + reason);
            if (message != null) {
                finish(false);
            }
            state = State.SKIP;
            peerSpoke = false;
            resetScan();
        }

        void gap(long skipped) {
            switch (state) {
                case LENGTH, CHUNK_DATA -> {
                    if (skipped <= remaining) {
                        message.body.gap(skipped);
                        remaining -= skipped;
                        if (remaining == 0 && state == State.LENGTH) {
                            finish(false);
                        } else if (remaining == 0) {
                            state = State.CHUNK_END;
                        }
                        return;
                    }
                }
                case TO_CLOSE -> {
                    message.body.gap(skipped);
                    return;
                }
                case SIMPLE_RESPONSE -> {
                    simpleBody.gap(skipped);
                    return;
                }
                case SKIP, TUNNEL -> {
                    return;
                }
                default -> { }
            }
            if (message != null) {
                finish(false);
            }
            state = State.SKIP; // the bytes after the gap start somewhere inside a message
            peerSpoke = false;
            resetScan();
        }

        /**
         * Over UDP (HTTPU, e.g. SSDP) a message ends with its datagram: a body without length ends there, a
         * message cut by it is kept incomplete (or counted, when its head is cut), and the next datagram starts
         * a new message.
         */
        int endOfDatagram(int consumed, int len) {
            switch (state) {
                case TUNNEL, AWAIT_CONNECT, SIMPLE_RESPONSE -> {
                    return len;
                }
                case TO_CLOSE -> finish(true);
                case HEAD, SKIP -> {
                    if (consumed < len && state == State.HEAD) {
                        malformed("head cut at the end of its datagram");
                    }
                }
                default -> finish(false);
            }
            state = State.HEAD;
            resetScan();
            return len;
        }

        void end() {
            if (message != null) {
                finish(state == State.TO_CLOSE || state == State.TRAILERS);
            }
            if (simpleBody != null) {
                simpleBody.finish(true);
                simpleBody = null;
            }
            state = State.TUNNEL;
        }
    }

    /**
     * Whether the message is chunked (RFC 9112 6.1): its last transfer coding is {@code chunked}. HTTP/1.0
     * messages ignore {@code Transfer-Encoding}, as Go does. A request with another final coding cannot be
     * framed (RFC 9112 6.3 (4)).
     */
    private static boolean chunked(MessageHead head, boolean request) throws MessageHead.Malformed {
        if (!hasTransferCoding(head)) {
            return false;
        }
        String codings = head.allJoined("Transfer-Encoding", ",");
        String last = codings.substring(codings.lastIndexOf(',') + 1).trim();
        if (last.equalsIgnoreCase("chunked")) {
            return true;
        }
        if (request) {
            throw new MessageHead.Malformed("request with unsupported transfer coding");
        }
        return false;
    }

    private static boolean hasTransferCoding(MessageHead head) {
        return head.has("Transfer-Encoding") && head.atLeast11();
    }

    /** The {@code Content-Length} (RFC 9112 6.3 (5)): equal values of several fields count once; none gives {@code none}. */
    private static long contentLength(MessageHead head, long none) throws MessageHead.Malformed {
        long single = head.singleContentLength(none);
        if (single != MessageHead.SEVERAL) {
            return single;
        }
        var values = head.all("Content-Length");
        if (values.isEmpty()) {
            return none;
        }
        String first = values.getFirst().trim();
        for (String v : values) {
            if (!v.trim().equals(first)) {
                throw new MessageHead.Malformed("conflicting Content-Length values");
            }
        }
        if (first.isEmpty() || first.length() > 18 || !first.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new MessageHead.Malformed("bad Content-Length");
        }
        return Long.parseLong(first);
    }

    /** The media type of a {@code Content-Type} value, lower case, without parameters. */
    private static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** The {@code boundary} parameter of a multipart {@code Content-Type} (RFC 2046 5.1.1), or null. */
    static String boundary(String contentType) {
        String[] params = contentType.split(";");
        for (int i = 1; i < params.length; i++) {
            String p = params[i].trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
                String v = p.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v.isEmpty() ? null : HttpText.utf8(v);
            }
        }
        return null;
    }

    /** The last element of a URL path, {@code unknown} when there is none (Go's {@code path.Base} gives / or .). */
    static String fileName(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        String base = path.substring(path.lastIndexOf('/', end - 1) + 1, end);
        return base.isEmpty() || base.equals(".") ? "unknown" : HttpText.utf8(base);
    }
}
