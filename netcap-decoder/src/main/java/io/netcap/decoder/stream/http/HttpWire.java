package io.netcap.decoder.stream.http;

import com.google.protobuf.ByteString;
import io.netcap.decoder.WireWriter;
import io.netcap.types.HTTP;
import io.netcap.types.HTTPCookie;
import io.netcap.types.HTTPOrBuilder;
import java.util.List;
import java.util.Map;

/**
 * An {@link HTTP} record in protobuf wire format, field by field as the generated code writes it (checked byte
 * for byte by a test). The generated code serialises each entry of the header and parameter maps through a map
 * entry message of its own, which under C1 (the launcher's compiler) cost more than parsing the message; this
 * writes them straight, as the DNS and SIP encoders do (docs/streams.md, "HTTP").
 */
final class HttpWire {
    private HttpWire() {}

    static void write(HTTP r, WireWriter w) {
        write(r, HeaderMap.of(r.getRequestHeaderMap()), HeaderMap.of(r.getResponseHeaderMap()), w);
    }

    /** A record from its fields and its header maps (the header maps of {@code r} are not read). */
    static void write(HTTPOrBuilder r, HeaderMap requestHeader, HeaderMap responseHeader, WireWriter w) {
        w.reset();
        w.int64(HTTP.TIMESTAMP_FIELD_NUMBER, r.getTimestamp());
        string(w, HTTP.PROTO_FIELD_NUMBER, r.getProto());
        string(w, HTTP.METHOD_FIELD_NUMBER, r.getMethod());
        string(w, HTTP.HOST_FIELD_NUMBER, r.getHost());
        string(w, HTTP.USERAGENT_FIELD_NUMBER, r.getUserAgent());
        string(w, HTTP.REFERER_FIELD_NUMBER, r.getReferer());
        cookies(w, HTTP.REQCOOKIES_FIELD_NUMBER, r.getReqCookiesList());
        w.int32(HTTP.REQCONTENTLENGTH_FIELD_NUMBER, r.getReqContentLength());
        string(w, HTTP.URL_FIELD_NUMBER, r.getURL());
        w.int32(HTTP.RESCONTENTLENGTH_FIELD_NUMBER, r.getResContentLength());
        string(w, HTTP.CONTENTTYPE_FIELD_NUMBER, r.getContentType());
        w.int32(HTTP.STATUSCODE_FIELD_NUMBER, r.getStatusCode());
        string(w, HTTP.SRCIP_FIELD_NUMBER, r.getSrcIP());
        string(w, HTTP.DSTIP_FIELD_NUMBER, r.getDstIP());
        string(w, HTTP.REQCONTENTENCODING_FIELD_NUMBER, r.getReqContentEncoding());
        string(w, HTTP.RESCONTENTENCODING_FIELD_NUMBER, r.getResContentEncoding());
        string(w, HTTP.SERVERNAME_FIELD_NUMBER, r.getServerName());
        cookies(w, HTTP.RESCOOKIES_FIELD_NUMBER, r.getResCookiesList());
        string(w, HTTP.RESCONTENTTYPE_FIELD_NUMBER, r.getResContentType());
        w.int64(HTTP.DONEAFTER_FIELD_NUMBER, r.getDoneAfter());
        w.int64(HTTP.DNSDONEAFTER_FIELD_NUMBER, r.getDNSDoneAfter());
        w.int64(HTTP.FIRSTBYTEAFTER_FIELD_NUMBER, r.getFirstByteAfter());
        w.int64(HTTP.TLSDONEAFTER_FIELD_NUMBER, r.getTLSDoneAfter());
        string(w, HTTP.CONTENTTYPEDETECTED_FIELD_NUMBER, r.getContentTypeDetected());
        string(w, HTTP.RESCONTENTTYPEDETECTED_FIELD_NUMBER, r.getResContentTypeDetected());
        map(w, HTTP.REQUESTHEADER_FIELD_NUMBER, requestHeader);
        map(w, HTTP.RESPONSEHEADER_FIELD_NUMBER, responseHeader);
        map(w, HTTP.PARAMETERS_FIELD_NUMBER, r.getParametersMap());
        bytes(w, HTTP.REQUESTBODY_FIELD_NUMBER, r.getRequestBody());
        bytes(w, HTTP.RESPONSEBODY_FIELD_NUMBER, r.getResponseBody());
    }

    private static void cookies(WireWriter w, int field, List<HTTPCookie> cookies) {
        for (HTTPCookie c : cookies) {
            int mark = w.begin(field);
            string(w, HTTPCookie.NAME_FIELD_NUMBER, c.getName());
            string(w, HTTPCookie.VALUE_FIELD_NUMBER, c.getValue());
            string(w, HTTPCookie.PATH_FIELD_NUMBER, c.getPath());
            string(w, HTTPCookie.DOMAIN_FIELD_NUMBER, c.getDomain());
            w.int64(HTTPCookie.EXPIRES_FIELD_NUMBER, c.getExpires()); // uint64: the same varint
            w.int32(HTTPCookie.MAXAGE_FIELD_NUMBER, c.getMaxAge());
            w.bool(HTTPCookie.SECURE_FIELD_NUMBER, c.getSecure());
            w.bool(HTTPCookie.HTTPONLY_FIELD_NUMBER, c.getHttpOnly());
            w.int32(HTTPCookie.SAMESITE_FIELD_NUMBER, c.getSameSite());
            w.end(mark);
        }
    }

    /** Map entries as the generated code writes them: key (1) and value (2), both even when empty. */
    private static void map(WireWriter w, int field, Map<String, String> m) {
        for (Map.Entry<String, String> e : m.entrySet()) {
            entry(w, field, e.getKey(), e.getValue());
        }
    }

    /** Message text is read as UTF-8 here, once (a no-op for ASCII, which the writer copies straight). */
    private static void map(WireWriter w, int field, HeaderMap m) {
        for (int i = 0; i < m.size; i++) {
            entry(w, field, m.keys[i], m.messageText ? HttpText.utf8(m.values[i]) : m.values[i]);
        }
    }

    private static void entry(WireWriter w, int field, String key, String value) {
        int mark = w.begin(field);
        always(w, 1, key);
        always(w, 2, value);
        w.end(mark);
    }

    private static void string(WireWriter w, int field, String s) {
        w.text(field, s);
    }

    private static void always(WireWriter w, int field, String s) {
        if (s.isEmpty()) {
            w.end(w.begin(field));
        } else {
            string(w, field, s);
        }
    }

    private static void bytes(WireWriter w, int field, ByteString b) {
        if (!b.isEmpty()) {
            w.string(field, b);
        }
    }
}
