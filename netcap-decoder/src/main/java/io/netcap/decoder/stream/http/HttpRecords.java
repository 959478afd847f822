package io.netcap.decoder.stream.http;

import io.netcap.decoder.stream.Conversation;
import io.netcap.types.HTTP;

/**
 * The request and response halves of an {@link HTTP} record, field by field as docs/streams.md ("HTTP")
 * describes them after the original: header values as Go's {@code Header.Get} returns them, {@code User-Agent},
 * {@code Referer} and {@code URL} with every comma written {@code (comma)}, header maps without the fields Go
 * removes from its maps ({@code Host} of a request, {@code Transfer-Encoding}, and {@code Content-Length} beside
 * chunked framing).
 */
final class HttpRecords {
    private HttpRecords() {}

    static HttpRecord request(Conversation c, HttpMessage m) {
        MessageHead h = m.head;
        HttpRecord r = new HttpRecord();
        r.requestAscii = h.ascii();
        r.proto = h.part3;
        r.method = h.text(h.part1);
        r.host = h.text(m.info.host()); // the host and URL are text of the head (URL escapes are ASCII)
        r.reqContentLength = (int) m.contentLength;
        r.reqContentEncoding = h.text(h.first("Content-Encoding"));
        r.contentType = h.text(h.first("Content-Type"));
        r.userAgent = noCommas(h, "User-Agent");
        r.referer = noCommas(h, "Referer");
        r.url = noCommas(h.text(m.target.url()));
        r.srcIP = c.clientIp();
        r.dstIP = c.serverIp();
        if (h.has("Cookie")) {
            r.reqCookiePairs = HttpCookies.cookiePairs(h.all("Cookie"));
        }
        r.contentTypeDetected = m.body == null ? MimeSniffer.TEXT_PLAIN : m.body.sniffedType();
        String text = m.body == null ? null : m.body.formText();
        String query = m.target.query();
        if (text != null || !query.isEmpty()) {
            FormValues form = new FormValues();
            if (text != null) {
                form.parseQuery(text);
            }
            form.parseQuery(query);
            r.parameters = form.parameters();
        }
        r.requestHeader = h.headerMap(m.chunked);
        return r;
    }

    /** Adds the response half to its request's record. */
    static HttpRecord response(HttpRecord into, HttpMessage m) {
        MessageHead h = m.head;
        long length = m.contentLength >= 0 ? m.contentLength : m.body == null ? 0 : m.body.length();
        into.responseAscii = h.ascii();
        into.responseHeader = h.headerMap(m.chunked);
        into.statusCode = Integer.parseInt(h.part2);
        into.serverName = h.text(h.first("Server"));
        into.resContentType = h.text(h.first("Content-Type"));
        into.resContentEncoding = h.text(h.first("Content-Encoding"));
        into.resContentLength = (int) length;
        into.resContentTypeDetected = m.body == null ? MimeSniffer.TEXT_PLAIN : m.body.sniffedType();
        if (h.has("Set-Cookie")) {
            into.resCookies = HttpCookies.fromSetCookieHeaders(h.all("Set-Cookie"));
        }
        return into;
    }

    /** The first value of a field as record text, commas replaced as {@link #noCommas(String)} does. */
    private static String noCommas(MessageHead h, String name) {
        String text = h.text(h.first(name));
        return h.firstHolds(name, (byte) ',') ? text.replace(",", "(comma)") : text;
    }

    /** The original replaces commas so that its CSV output stays parseable. */
    private static String noCommas(String text) {
        return text.indexOf(',') < 0 ? text : text.replace(",", "(comma)");
    }
}
