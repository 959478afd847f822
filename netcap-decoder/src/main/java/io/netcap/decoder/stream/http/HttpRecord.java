package io.netcap.decoder.stream.http;

import com.google.protobuf.ByteString;
import io.netcap.types.HTTP;
import io.netcap.types.HTTPCookie;
import java.util.List;

/**
 * The fields of an {@link HTTP} record while it is built, as plain fields: the record is only ever written to
 * the wire ({@link HttpWire}), and under C1 (the launcher's compiler) the generated builder's setters, map and
 * list copies and getters cost more than the fields themselves. Strings are record text; defaults as in
 * {@link HTTP}.
 */
final class HttpRecord {
    long timestamp;
    String proto = "";
    String method = "";
    String host = "";
    String userAgent = "";
    String referer = "";
    List<HTTPCookie> reqCookies = List.of();
    /** The request's cookies as parsed: names and values, one after the other ({@link HttpCookies#cookiePairs}); or null for {@link #reqCookies}. */
    String[] reqCookiePairs;
    int reqContentLength;
    String url = "";
    int resContentLength;
    String contentType = "";
    int statusCode;
    String srcIP = "";
    String dstIP = "";
    String reqContentEncoding = "";
    String resContentEncoding = "";
    String serverName = "";
    List<HTTPCookie> resCookies = List.of();
    String resContentType = "";
    long doneAfter;
    long dnsDoneAfter;
    long firstByteAfter;
    long tlsDoneAfter;
    String contentTypeDetected = "";
    String resContentTypeDetected = "";
    HeaderMap requestHeader = HeaderMap.EMPTY;
    HeaderMap responseHeader = HeaderMap.EMPTY;
    /** In the order of the generated map (first insertion). */
    HeaderMap parameters = HeaderMap.EMPTY;
    ByteString requestBody = ByteString.EMPTY;
    ByteString responseBody = ByteString.EMPTY;
    /** No byte of the request's head is above 0x7F: the text taken from it (fields, header map) is ASCII. */
    boolean requestAscii;
    /** The same for the response's head and the response's fields and header map. */
    boolean responseAscii;

    /** The fields of a built record (to check the wire writer against the generated code). */
    static HttpRecord of(HTTP r) {
        HttpRecord f = new HttpRecord();
        f.timestamp = r.getTimestamp();
        f.proto = r.getProto();
        f.method = r.getMethod();
        f.host = r.getHost();
        f.userAgent = r.getUserAgent();
        f.referer = r.getReferer();
        f.reqCookies = r.getReqCookiesList();
        f.reqContentLength = r.getReqContentLength();
        f.url = r.getURL();
        f.resContentLength = r.getResContentLength();
        f.contentType = r.getContentType();
        f.statusCode = r.getStatusCode();
        f.srcIP = r.getSrcIP();
        f.dstIP = r.getDstIP();
        f.reqContentEncoding = r.getReqContentEncoding();
        f.resContentEncoding = r.getResContentEncoding();
        f.serverName = r.getServerName();
        f.resCookies = r.getResCookiesList();
        f.resContentType = r.getResContentType();
        f.doneAfter = r.getDoneAfter();
        f.dnsDoneAfter = r.getDNSDoneAfter();
        f.firstByteAfter = r.getFirstByteAfter();
        f.tlsDoneAfter = r.getTLSDoneAfter();
        f.contentTypeDetected = r.getContentTypeDetected();
        f.resContentTypeDetected = r.getResContentTypeDetected();
        f.requestHeader = HeaderMap.of(r.getRequestHeaderMap());
        f.responseHeader = HeaderMap.of(r.getResponseHeaderMap());
        f.parameters = HeaderMap.of(r.getParametersMap());
        f.requestBody = r.getRequestBody();
        f.responseBody = r.getResponseBody();
        f.requestAscii = ascii(f.requestHeader) && ascii(f.proto, f.method, f.host, f.userAgent, f.referer, f.url,
                f.contentType, f.reqContentEncoding);
        f.responseAscii = ascii(f.responseHeader) && ascii(f.resContentEncoding, f.serverName, f.resContentType);
        return f;
    }

    private static boolean ascii(HeaderMap m) {
        return !m.messageText && ascii(m.keys) && ascii(m.values);
    }

    private static boolean ascii(String... texts) {
        for (String t : texts) {
            if (!t.chars().allMatch(c -> c < 0x80)) {
                return false;
            }
        }
        return true;
    }
}
