package io.netcap.decoder.stream.http;

import com.google.protobuf.ByteString;
import io.netcap.decoder.WireWriter;
import io.netcap.types.HTTP;
import io.netcap.types.HTTPCookie;
import java.util.List;

/**
 * An {@link HTTP} record in protobuf wire format, field by field as the generated code writes it (checked byte
 * for byte by a test). The generated code serialises each entry of the header and parameter maps through a map
 * entry message of its own, which under C1 (the launcher's compiler) cost more than parsing the message; this
 * writes them straight, as the DNS and SIP encoders do (docs/streams.md, "HTTP"). Text taken from a head without
 * bytes above 0x7F is ASCII: it is copied as bytes, without the check of every char for UTF-8.
 * One per thread, reused for each record.
 */
final class HttpWire {
    private final WireWriter w = new WireWriter();
    /**
     * The bytes of an ASCII string on their way into the writer. Kept per connection, so it stays small: longer
     * strings are rare and go the writer's way.
     */
    private byte[] text = new byte[256];
    private static final int MAX_TEXT = 2048;

    byte[] buffer() {
        return w.buffer();
    }

    int length() {
        return w.length();
    }

    void write(HTTP r) {
        write(HttpRecord.of(r));
    }

    void write(HttpRecord r) {
        boolean req = r.requestAscii;
        boolean res = r.responseAscii;
        w.reset();
        w.int64(HTTP.TIMESTAMP_FIELD_NUMBER, r.timestamp);
        string(HTTP.PROTO_FIELD_NUMBER, r.proto, req);
        string(HTTP.METHOD_FIELD_NUMBER, r.method, req);
        string(HTTP.HOST_FIELD_NUMBER, r.host, req);
        string(HTTP.USERAGENT_FIELD_NUMBER, r.userAgent, req);
        string(HTTP.REFERER_FIELD_NUMBER, r.referer, req);
        if (r.reqCookiePairs != null) {
            cookies(HTTP.REQCOOKIES_FIELD_NUMBER, r.reqCookiePairs);
        } else {
            cookies(HTTP.REQCOOKIES_FIELD_NUMBER, r.reqCookies);
        }
        w.int32(HTTP.REQCONTENTLENGTH_FIELD_NUMBER, r.reqContentLength);
        string(HTTP.URL_FIELD_NUMBER, r.url, req);
        w.int32(HTTP.RESCONTENTLENGTH_FIELD_NUMBER, r.resContentLength);
        string(HTTP.CONTENTTYPE_FIELD_NUMBER, r.contentType, req);
        w.int32(HTTP.STATUSCODE_FIELD_NUMBER, r.statusCode);
        w.text(HTTP.SRCIP_FIELD_NUMBER, r.srcIP);
        w.text(HTTP.DSTIP_FIELD_NUMBER, r.dstIP);
        string(HTTP.REQCONTENTENCODING_FIELD_NUMBER, r.reqContentEncoding, req);
        string(HTTP.RESCONTENTENCODING_FIELD_NUMBER, r.resContentEncoding, res);
        string(HTTP.SERVERNAME_FIELD_NUMBER, r.serverName, res);
        cookies(HTTP.RESCOOKIES_FIELD_NUMBER, r.resCookies);
        string(HTTP.RESCONTENTTYPE_FIELD_NUMBER, r.resContentType, res);
        w.int64(HTTP.DONEAFTER_FIELD_NUMBER, r.doneAfter);
        w.int64(HTTP.DNSDONEAFTER_FIELD_NUMBER, r.dnsDoneAfter);
        w.int64(HTTP.FIRSTBYTEAFTER_FIELD_NUMBER, r.firstByteAfter);
        w.int64(HTTP.TLSDONEAFTER_FIELD_NUMBER, r.tlsDoneAfter);
        w.text(HTTP.CONTENTTYPEDETECTED_FIELD_NUMBER, r.contentTypeDetected);
        w.text(HTTP.RESCONTENTTYPEDETECTED_FIELD_NUMBER, r.resContentTypeDetected);
        map(HTTP.REQUESTHEADER_FIELD_NUMBER, r.requestHeader, req);
        map(HTTP.RESPONSEHEADER_FIELD_NUMBER, r.responseHeader, res);
        map(HTTP.PARAMETERS_FIELD_NUMBER, r.parameters, false);
        bytes(HTTP.REQUESTBODY_FIELD_NUMBER, r.requestBody);
        bytes(HTTP.RESPONSEBODY_FIELD_NUMBER, r.responseBody);
    }

    private void cookies(int field, List<HTTPCookie> cookies) {
        for (int i = 0; i < cookies.size(); i++) {
            HTTPCookie c = cookies.get(i);
            int mark = w.begin(field);
            w.text(HTTPCookie.NAME_FIELD_NUMBER, c.getName());
            w.text(HTTPCookie.VALUE_FIELD_NUMBER, c.getValue());
            w.text(HTTPCookie.PATH_FIELD_NUMBER, c.getPath());
            w.text(HTTPCookie.DOMAIN_FIELD_NUMBER, c.getDomain());
            w.int64(HTTPCookie.EXPIRES_FIELD_NUMBER, c.getExpires()); // uint64: the same varint
            w.int32(HTTPCookie.MAXAGE_FIELD_NUMBER, c.getMaxAge());
            w.bool(HTTPCookie.SECURE_FIELD_NUMBER, c.getSecure());
            w.bool(HTTPCookie.HTTPONLY_FIELD_NUMBER, c.getHttpOnly());
            w.int32(HTTPCookie.SAMESITE_FIELD_NUMBER, c.getSameSite());
            w.end(mark);
        }
    }

    /** Request cookies from their names and values: each as {@link HttpCookies#cookie} makes it. */
    private void cookies(int field, String[] pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            int mark = w.begin(field);
            w.text(HTTPCookie.NAME_FIELD_NUMBER, pairs[i]);
            w.text(HTTPCookie.VALUE_FIELD_NUMBER, pairs[i + 1]);
            w.int64(HTTPCookie.EXPIRES_FIELD_NUMBER, HttpCookies.ZERO_TIME_UNIX); // uint64: the same varint
            w.end(mark);
        }
    }

    /**
     * The entries of a built record's map, record text, as the generated code writes them: key (1) and value
     * (2), both even when empty.
     */
    private void map(int field, HeaderMap m, boolean ascii) {
        if (m.keys == null) {
            fields(field, m, ascii);
            return;
        }
        for (int i = 0; i < m.size; i++) {
            int mark = w.begin(field);
            always(1, m.keys[i], ascii);
            always(2, m.values[i], ascii);
            w.end(mark);
        }
    }

    /**
     * A header map whose entries are the fields of its head: message text is read as UTF-8 here, once (a no-op for
     * ASCII); values still in their ASCII head are copied.
     */
    private void fields(int field, HeaderMap m, boolean ascii) {
        MessageHead h = m.head;
        for (int i = 0; i < m.size; i++) {
            if (m.skip != null && m.skip[i]) {
                continue;
            }
            int mark = w.begin(field);
            always(1, h.name(i), ascii);
            String v = m.joined == null ? null : m.joined[i];
            if (v == null) {
                v = m.messageText ? h.value(i) : h.madeValue(i);
            }
            if (v != null) {
                always(2, m.messageText ? HttpText.utf8(v) : v, ascii);
            } else {
                int from = h.valueFrom(i);
                int n = h.valueTo(i) - from;
                if (n == 0) {
                    w.end(w.begin(2));
                } else {
                    w.bytes(2, h.text, from, n);
                }
            }
            w.end(mark);
        }
        if (m.noCache) {
            int mark = w.begin(field);
            always(1, "Cache-Control", ascii);
            always(2, "no-cache", ascii);
            w.end(mark);
        }
    }

    private void always(int field, String s, boolean ascii) {
        if (s.isEmpty()) {
            w.end(w.begin(field));
        } else {
            string(field, s, ascii);
        }
    }

    /** A string field; {@code ascii}: the caller knows that no char is above 0x7F. */
    private void string(int field, String s, boolean ascii) {
        int n = s.length();
        if (n > text.length && n <= MAX_TEXT) {
            text = new byte[Math.max(n, Math.min(2 * text.length, MAX_TEXT))];
        }
        if (!ascii || n > text.length) {
            w.text(field, s);
        } else if (n > 0) {
            latin1(s, n);
            w.bytes(field, text, 0, n);
        }
    }

    /** The low byte of each char: one array copy for a Latin-1 string (the deprecation is about other text). */
    @SuppressWarnings("deprecation")
    private void latin1(String s, int n) {
        s.getBytes(0, n, text, 0);
    }

    private void bytes(int field, ByteString b) {
        if (!b.isEmpty()) {
            w.string(field, b);
        }
    }
}
