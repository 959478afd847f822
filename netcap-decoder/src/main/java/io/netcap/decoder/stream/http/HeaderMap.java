package io.netcap.decoder.stream.http;

import java.util.Map;

/**
 * The entries of a record's header map, record text (UTF-8 read) in the order the generated map keeps them (first
 * insertion): written straight to the wire by {@link HttpWire}, without the map and map-entry objects the generated
 * builder makes per field.
 */
final class HeaderMap {
    static final HeaderMap EMPTY = new HeaderMap(0);

    final String[] keys;
    final String[] values;
    int size;

    HeaderMap(int capacity) {
        keys = new String[capacity];
        values = new String[capacity];
    }

    void add(String key, String value) {
        keys[size] = key;
        values[size] = value;
        size++;
    }

    /** The entries of a map, in its iteration order. */
    static HeaderMap of(Map<String, String> m) {
        HeaderMap h = new HeaderMap(m.size());
        m.forEach(h::add);
        return h;
    }
}
