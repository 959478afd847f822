package io.netcap.decoder.stream.http;

import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.decoder.stream.software.SoftwareRecords;

/**
 * Software from the heads of one connection's complete messages (docs/enrichment.md, "Software"). A client sends
 * the same {@code User-Agent} in each request and a server the same {@code Server}: a value offered again from
 * the same connection at the same time changes nothing in the table, so only a changed value is looked up and
 * offered (unless the table was full, where every sighting is counted).
 */
final class HttpSoftware {
    private String userAgent;
    private String server;
    private String poweredBy;
    /** The time the values above were offered with. */
    private long at;

    void offer(StreamEnv env, Conversation c, HttpMessage m) {
        if (!env.software().enabled()) {
            return;
        }
        long ts = SoftwareRecords.sightingTime(c);
        if (ts != at) {
            userAgent = null;
            server = null;
            poweredBy = null;
            at = ts;
        }
        MessageHead h = m.head;
        if (m.request) {
            String ua = h.text(h.first("User-Agent"));
            if (!ua.equals(userAgent)) {
                userAgent = SoftwareRecords.userAgent(env, c, ua) ? ua : null;
            }
            return;
        }
        String s = h.text(h.first("Server"));
        String p = h.text(h.first("X-Powered-By"));
        if (!s.equals(server) || !p.equals(poweredBy)) {
            boolean kept = SoftwareRecords.server(env, c, s, p);
            server = kept ? s : null;
            poweredBy = kept ? p : null;
        }
        if (env.software().hasCms()) {
            SoftwareRecords.cms(env, c, h.fields(h::text), HttpCookies.fromSetCookieHeaders(h.all("Set-Cookie"))
                    .stream().map(k -> new String[] {k.getName(), k.getValue()}).toList());
        }
    }
}
