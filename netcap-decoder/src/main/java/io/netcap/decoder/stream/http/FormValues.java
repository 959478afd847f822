package io.netcap.decoder.stream.http;

import java.util.HashMap;

/**
 * Form values of a request as Go's {@code Request.ParseForm} collects them (the urlencoded body of a POST, PUT
 * or PATCH first, then the URL query; {@code url.ParseQuery}: pairs split at {@code &}, a pair holding {@code ;}
 * skipped, {@code +} and percent escapes decoded, a pair with a bad escape skipped), and their rendering into the
 * record's {@code Parameters} map with the original's key and value rewrites (docs/streams.md, "HTTP").
 * At most {@value #MAX_VALUES} values are kept per request. Pairs are read where they lie in the text, and a
 * key's values are joined as they come: a request has few.
 */
final class FormValues {
    static final int MAX_VALUES = 10_000;
    /** The original's key for a parameter with an empty name. */
    static final String UNKNOWN_KEY = "unknown";

    /** The distinct keys in the order of their first value, each with its values joined by a space. */
    private final Keyed values = new Keyed();
    private int count;

    /** Adds the pairs of a urlencoded string (Latin-1, one char per byte). */
    void parseQuery(String query) {
        int n = query.length();
        int from = 0;
        while (from < n && count < MAX_VALUES) {
            int amp = query.indexOf('&', from);
            int start = from;
            int end = amp < 0 ? n : amp;
            from = end + 1;
            if (start == end || query.indexOf(';', start, end) >= 0) {
                continue;
            }
            int eq = query.indexOf('=', start, end);
            String key = unescape(query, start, eq < 0 ? end : eq);
            String value = eq < 0 ? "" : unescape(query, eq + 1, end);
            if (key != null && value != null) {
                int i = values.find(key);
                if (i < 0) {
                    values.add(key, value);
                } else {
                    values.values[i] = values.values[i] + " " + value;
                }
                count++;
            }
        }
    }

    /** Go's {@code url.QueryUnescape} of {@code s[from .. to)}: {@code +} is a space, {@code %XX} a byte; null for a malformed escape. */
    private static String unescape(String s, int from, int to) {
        if (s.indexOf('%', from, to) < 0 && s.indexOf('+', from, to) < 0) {
            return s.substring(from, to);
        }
        return queryUnescape(s.substring(from, to));
    }

    /**
     * The record's {@code Parameters}: values joined with a space, then the original's rewrites of keys and values.
     * Rewritten keys may fall together: the later value then takes the earlier key's place, as a map's put does.
     */
    HeaderMap parameters() {
        Keyed out = new Keyed();
        for (int i = 0; i < values.size; i++) {
            String k = values.keys[i];
            if (k.equals(" ")) {
                continue; // the original drops it (it broke its Elasticsearch mapping)
            }
            String v = values.values[i];
            if (v.startsWith(".") || v.endsWith(".")) {
                v = "'" + v + "'";
            }
            if (k.isEmpty()) {
                k = UNKNOWN_KEY;
            } else if (k.startsWith(".") || k.endsWith(".")) {
                k = "'" + k + "'";
            }
            k = HttpText.utf8(k.indexOf('.') < 0 ? k : k.replace(".", "[dot]"));
            v = HttpText.utf8(v);
            int j = out.find(k);
            if (j < 0) {
                out.add(k, v);
            } else {
                out.values[j] = v;
            }
        }
        return HeaderMap.of(out.keys, out.values, out.size);
    }

    /** Go's {@code url.QueryUnescape}: {@code +} is a space, {@code %XX} a byte; null for a malformed escape. */
    static String queryUnescape(String s) {
        return HttpText.percentDecode(s, true);
    }

    /** Distinct keys in order with a value each: found by a scan while few, by a hash map past {@value #SCAN}. */
    private static final class Keyed {
        private static final int SCAN = 16;
        String[] keys = new String[4];
        String[] values = new String[4];
        int size;
        private HashMap<String, Integer> index;

        int find(String key) {
            if (index != null) {
                Integer i = index.get(key);
                return i == null ? -1 : i;
            }
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        void add(String key, String value) {
            if (size == keys.length) {
                keys = java.util.Arrays.copyOf(keys, 2 * size);
                values = java.util.Arrays.copyOf(values, 2 * size);
            }
            keys[size] = key;
            values[size] = value;
            if (index == null && size == SCAN) {
                index = new HashMap<>();
                for (int i = 0; i < size; i++) {
                    index.put(keys[i], i);
                }
            }
            if (index != null) {
                index.put(key, size);
            }
            size++;
        }
    }
}
