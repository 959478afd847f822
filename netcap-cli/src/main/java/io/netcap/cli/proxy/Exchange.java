package io.netcap.cli.proxy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.netcap.types.HTTP;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One request relayed to the upstream and its response relayed back, and the HTTP record of the two (fields
 * as the original's proxy fills them, docs/cli.md "net proxy").
 */
final class Exchange {
    /** Hop-by-hop fields (RFC 9110 7.6.1), never forwarded; Go's reverse proxy drops the same list. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "proxy-connection", "keep-alive",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");
    /** Request fields the proxy writes itself. */
    private static final Set<String> REWRITTEN = Set.of("host", "content-length", "expect", "x-forwarded-for");

    private final HttpExchange client;
    private final Headers rq;
    private final ReverseProxy.Options o;
    private final UpstreamConnection up;
    private final String target;
    final String method;
    final String url;
    private Upload upload;
    private ResponseHead head;
    private MessageBody.Framing framing;
    private long declared;
    private MessageBody.Counting relayed;

    Exchange(HttpExchange client, ReverseProxy.Options o, UpstreamConnection up, String target) {
        this.client = client;
        this.rq = client.getRequestHeaders();
        this.o = o;
        this.up = up;
        this.target = target;
        this.method = client.getRequestMethod();
        this.url = o.remote().url(target);
    }

    /**
     * Sends the request head, starts the body's upload beside it, and reads the final response head; a failure
     * here means no usable answer (502).
     */
    void request() throws IOException {
        StringBuilder h = new StringBuilder(256).append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        h.append("Host: ").append(o.remote().authority()).append("\r\n");
        Set<String> drop = dropped(rq.getOrDefault("Connection", List.of()));
        drop.addAll(REWRITTEN);
        String auth = o.remote().basicAuthorization();
        if (auth != null) {
            drop.add("authorization");
            h.append("Authorization: ").append(auth).append("\r\n");
        }
        for (Map.Entry<String, List<String>> e : rq.entrySet()) {
            if (!drop.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                for (String v : e.getValue()) {
                    h.append(e.getKey()).append(": ").append(v).append("\r\n");
                }
            }
        }
        // Go's reverse proxy appends the client to X-Forwarded-For
        String ip = client.getRemoteAddress().getAddress().getHostAddress();
        String prior = String.join(", ", rq.getOrDefault("X-Forwarded-For", List.of()));
        h.append("X-Forwarded-For: ").append(prior.isEmpty() ? ip : prior + ", " + ip).append("\r\n");
        boolean chunked = rq.getOrDefault("Transfer-Encoding", List.of()).stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
        long length = declaredLength(rq);
        if (chunked) {
            h.append("Transfer-Encoding: chunked\r\n");
        } else if (length >= 0) {
            h.append("Content-Length: ").append(length).append("\r\n");
        }
        h.append("Connection: close\r\n\r\n");
        debug(h.toString().replace("\r\n", "\n"));
        up.out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        up.out.flush();
        if (chunked || length > 0) {
            upload = Upload.start(client.getRequestBody(), up.out, chunked, length);
        }
        head = up.readFinalHead();
        framing = MessageBody.framing(method, head);
        declared = head.contentLength();
        debug(responseHead());
    }

    /** Relays the response head and body to the client; a failure here cuts the response short. */
    void respond() throws IOException {
        Headers rs = client.getResponseHeaders();
        Set<String> drop = dropped(head.all("Connection"));
        if (framing == MessageBody.Framing.CHUNKED || framing == MessageBody.Framing.UNTIL_CLOSE) {
            drop.add("content-length");
        }
        // otherwise the listener sets the length itself, except for HEAD and 304, where the upstream's stands
        for (int i = 0; i < head.size(); i++) {
            if (!drop.contains(head.name(i).toLowerCase(Locale.ROOT))) {
                rs.add(head.name(i), head.value(i));
            }
        }
        client.sendResponseHeaders(head.status, switch (framing) {
            case NONE -> -1;
            case LENGTH -> declared;
            case CHUNKED, UNTIL_CLOSE -> 0;
        });
        relayed = new MessageBody.Counting(client.getResponseBody());
        switch (framing) {
            case NONE -> { }
            case LENGTH -> MessageBody.copy(up.in, relayed, declared);
            case CHUNKED -> MessageBody.copyChunked(up.in, relayed);
            case UNTIL_CLOSE -> MessageBody.copyToEnd(up.in, relayed);
        }
        relayed.close();
    }

    /** Waits for the upload; call it after the upstream connection is closed. The request body bytes sent. */
    long finishUpload() {
        return upload == null ? 0 : upload.finish();
    }

    /**
     * The record of an answered exchange: {@code timestamp} in ns since the epoch, {@code start} and
     * {@code end} as {@link System#nanoTime()}, {@code requestBytes} from {@link #finishUpload()}.
     */
    HTTP record(long timestamp, long start, long end, long requestBytes) {
        HTTP.Builder r = HTTP.newBuilder()
                .setTimestamp(timestamp)
                .setProto(client.getProtocol())
                .setMethod(method)
                .setHost(o.remote().authority())
                .setUserAgent(utf8(first("User-Agent")))
                .setReferer(utf8(first("Referer")))
                .setReqContentLength(length(requestBytes, declaredLength(rq)))
                .setContentType(utf8(first("Content-Type")))
                .setURL(utf8(url))
                .setReqContentEncoding(utf8(first("Content-Encoding")))
                .setStatusCode(head.status)
                .setResContentLength(length(relayed == null ? 0 : relayed.count, declared))
                .setResContentEncoding(utf8(head.first("Content-Encoding")))
                .setServerName(utf8(head.first("Server")))
                .setResContentType(utf8(head.first("Content-Type")))
                .setSrcIP(ReverseProxy.hostPort(client.getRemoteAddress()))
                .setDoneAfter(end - start);
        if (o.trace()) {
            r.setDstIP(up.remote).setDNSDoneAfter(up.dnsNanos).setTLSDoneAfter(up.tlsNanos)
                    .setFirstByteAfter(up.firstByteAt - start);
        }
        return r.build();
    }

    private String responseHead() {
        StringBuilder sb = new StringBuilder(head.version).append(' ').append(head.status).append(' ').append(head.reason).append('\n');
        for (int i = 0; i < head.size(); i++) {
            sb.append(head.name(i)).append(": ").append(head.value(i)).append('\n');
        }
        return sb.append('\n').toString();
    }

    private void debug(String text) {
        PrintWriter d = o.debug();
        if (d != null) {
            synchronized (d) {
                d.print(text);
                d.flush();
            }
        }
    }

    /** Hop-by-hop fields plus those the {@code Connection} field names (RFC 9110 7.6.1), lower case. */
    private static Set<String> dropped(List<String> connection) {
        Set<String> drop = new HashSet<>(HOP_BY_HOP);
        for (String v : connection) {
            for (String name : v.split(",")) {
                drop.add(name.trim().toLowerCase(Locale.ROOT));
            }
        }
        return drop;
    }

    private String first(String name) {
        String v = rq.getFirst(name);
        return v == null ? "" : v;
    }

    /** The request's {@code Content-Length}, -1 when absent (the listener rejects invalid ones). */
    private static long declaredLength(Headers h) {
        String v = h.getFirst("Content-Length");
        try {
            return v == null ? -1 : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Body bytes relayed when there were any, else the declared length (a HEAD response), else 0. */
    private static int length(long relayed, long declared) {
        return (int) Math.min(Integer.MAX_VALUE, relayed > 0 ? relayed : Math.max(declared, 0));
    }

    /** Header bytes arrive as Latin-1; a value written in UTF-8 is recorded as the text it is. */
    private static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
