package io.netcap.decoder.stream.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Form values of a request as Go's {@code Request.ParseForm} collects them (the urlencoded body of a POST, PUT
 * or PATCH first, then the URL query; {@code url.ParseQuery}: pairs split at {@code &}, a pair holding {@code ;}
 * skipped, {@code +} and percent escapes decoded, a pair with a bad escape skipped), and their rendering into the
 * record's {@code Parameters} map with the original's key and value rewrites (docs/streams.md, "HTTP").
 * At most {@value #MAX_VALUES} values are kept per request.
 */
final class FormValues {
    static final int MAX_VALUES = 10_000;
    /** The original's key for a parameter with an empty name. */
    static final String UNKNOWN_KEY = "unknown";

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private int count;

    /** Adds the pairs of a urlencoded string (Latin-1, one char per byte). */
    void parseQuery(String query) {
        int from = 0;
        while (from < query.length() && count < MAX_VALUES) {
            int amp = query.indexOf('&', from);
            String pair = query.substring(from, amp < 0 ? query.length() : amp);
            from = amp < 0 ? query.length() : amp + 1;
            if (pair.isEmpty() || pair.indexOf(';') >= 0) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = queryUnescape(eq < 0 ? pair : pair.substring(0, eq));
            String value = queryUnescape(eq < 0 ? "" : pair.substring(eq + 1));
            if (key != null && value != null) {
                values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                count++;
            }
        }
    }

    Map<String, List<String>> values() {
        return values;
    }

    /** The record's {@code Parameters}: values joined with a space, then the original's rewrites of keys and values. */
    Map<String, String> parameters() {
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : values.entrySet()) {
            String k = e.getKey();
            if (k.equals(" ")) {
                continue; // the original drops it (it broke its Elasticsearch mapping)
            }
            List<String> vs = e.getValue();
            String v = vs.size() == 1 ? vs.getFirst() : String.join(" ", vs);
            if (v.startsWith(".") || v.endsWith(".")) {
                v = "'" + v + "'";
            }
            if (k.isEmpty()) {
                k = UNKNOWN_KEY;
            } else if (k.startsWith(".") || k.endsWith(".")) {
                k = "'" + k + "'";
            }
            out.put(HttpText.utf8(k.indexOf('.') < 0 ? k : k.replace(".", "[dot]")), HttpText.utf8(v));
        }
        return out;
    }

    /** Go's {@code url.QueryUnescape}: {@code +} is a space, {@code %XX} a byte; null for a malformed escape. */
    static String queryUnescape(String s) {
        return HttpText.percentDecode(s, true);
    }
}
