package io.netcap.decoder.stream.http;

import java.util.Map;

/**
 * The entries of a record's header map in the order the generated map keeps them (first insertion), names ASCII
 * (tokens), values as message text (Latin-1, {@link HttpText}) or record text: written straight to the wire by
 * {@link HttpWire}, without the map and map-entry objects the generated builder makes per field.
 */
final class HeaderMap {
    static final HeaderMap EMPTY = new HeaderMap(0, false);

    final String[] keys;
    final String[] values;
    /** Values are message text (Latin-1), read as UTF-8 when written; else record text already. */
    final boolean messageText;
    int size;

    HeaderMap(int capacity, boolean messageText) {
        keys = new String[capacity];
        values = new String[capacity];
        this.messageText = messageText;
    }

    void add(String key, String value) {
        keys[size] = key;
        values[size] = value;
        size++;
    }

    /** The entries of a map of record text, in its iteration order. */
    static HeaderMap of(Map<String, String> m) {
        HeaderMap h = new HeaderMap(m.size(), false);
        m.forEach(h::add);
        return h;
    }
}
