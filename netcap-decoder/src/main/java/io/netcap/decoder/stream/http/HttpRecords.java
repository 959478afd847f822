package io.netcap.decoder.stream.http;

import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.decoder.stream.software.SoftwareRecords;
import io.netcap.types.HTTP;
import java.util.List;

/**
 * The request and response halves of an {@link HTTP} record, field by field as docs/streams.md ("HTTP")
 * describes them after the original: header values as Go's {@code Header.Get} returns them, {@code User-Agent},
 * {@code Referer} and {@code URL} with every comma written {@code (comma)}, header maps without the fields Go
 * removes from its maps ({@code Host} of a request, {@code Transfer-Encoding}, and {@code Content-Length} beside
 * chunked framing).
 */
final class HttpRecords {
    private static final List<String> DROPPED_REQUEST = List.of("Host", "Transfer-Encoding");
    private static final List<String> DROPPED_REQUEST_CHUNKED = List.of("Host", "Transfer-Encoding", "Content-Length");
    private static final List<String> DROPPED_RESPONSE = List.of("Transfer-Encoding");
    private static final List<String> DROPPED_RESPONSE_CHUNKED = List.of("Transfer-Encoding", "Content-Length");

    private HttpRecords() {}

    /** A record being built: the scalar, cookie and parameter fields, and the header maps beside them. */
    static final class Record {
        final HTTP.Builder fields;
        final HeaderMap requestHeader;
        HeaderMap responseHeader = HeaderMap.EMPTY;

        Record(HTTP.Builder fields, HeaderMap requestHeader) {
            this.fields = fields;
            this.requestHeader = requestHeader;
        }
    }

    static Record request(Conversation c, HttpMessage m) {
        MessageHead h = m.head;
        HTTP.Builder r = HTTP.newBuilder()
                .setProto(h.part3)
                .setMethod(h.text(h.part1))
                .setHost(HttpText.utf8(m.info.host()))
                .setReqContentLength((int) m.contentLength)
                .setReqContentEncoding(h.text(h.first("Content-Encoding")))
                .setContentType(h.text(h.first("Content-Type")))
                .setUserAgent(noCommas(h.text(h.first("User-Agent"))))
                .setReferer(noCommas(h.text(h.first("Referer"))))
                .setURL(noCommas(HttpText.utf8(m.target.url())))
                .setSrcIP(c.clientIp())
                .setDstIP(c.serverIp())
                .addAllReqCookies(HttpCookies.fromCookieHeaders(h.all("Cookie")))
                .setContentTypeDetected(m.body == null ? MimeSniffer.TEXT_PLAIN : m.body.sniffedType());
        FormValues form = new FormValues();
        String text = m.body == null ? null : m.body.formText();
        if (text != null) {
            form.parseQuery(text);
        }
        form.parseQuery(m.target.query());
        return new Record(r.putAllParameters(form.parameters()),
                h.headerMap(m.chunked ? DROPPED_REQUEST_CHUNKED : DROPPED_REQUEST));
    }

    /** Adds the response half to its request's record. */
    static Record response(Record into, HttpMessage m) {
        MessageHead h = m.head;
        long length = m.contentLength >= 0 ? m.contentLength : m.body == null ? 0 : m.body.length();
        into.responseHeader = h.headerMap(m.chunked ? DROPPED_RESPONSE_CHUNKED : DROPPED_RESPONSE);
        into.fields
                .setStatusCode(Integer.parseInt(h.part2))
                .setServerName(h.text(h.first("Server")))
                .setResContentType(h.text(h.first("Content-Type")))
                .setResContentEncoding(h.text(h.first("Content-Encoding")))
                .setResContentLength((int) length)
                .setResContentTypeDetected(m.body == null ? MimeSniffer.TEXT_PLAIN : m.body.sniffedType())
                .addAllResCookies(HttpCookies.fromSetCookieHeaders(h.all("Set-Cookie")));
        return into;
    }

    /** Software from a complete message's head (docs/enrichment.md, "Software"). */
    static void software(StreamEnv env, Conversation c, HttpMessage m) {
        if (!env.software().enabled()) {
            return;
        }
        MessageHead h = m.head;
        if (m.request) {
            SoftwareRecords.userAgent(env, c, h.text(h.first("User-Agent")));
        } else {
            SoftwareRecords.server(env, c, h.text(h.first("Server")), h.text(h.first("X-Powered-By")));
            if (env.software().hasCms()) {
                SoftwareRecords.cms(env, c, h.fields(h::text), HttpCookies.fromSetCookieHeaders(h.all("Set-Cookie"))
                        .stream().map(k -> new String[] {k.getName(), k.getValue()}).toList());
            }
        }
    }

    /** The original replaces commas so that its CSV output stays parseable. */
    private static String noCommas(String text) {
        return text.replace(",", "(comma)");
    }
}
