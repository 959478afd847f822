package io.netcap.decoder.stream.http;

import java.util.Map;

/**
 * The entries of a record's header map in the order the generated map keeps them (first insertion), names ASCII
 * (tokens), written straight to the wire by {@link HttpWire}, without the map and map-entry objects the generated
 * builder makes per field. The map of a parsed head is not copied into arrays of entries: the head's fields are
 * the entries, less those {@code skip} marks, their values message text (Latin-1, {@link HttpText}) or, for an
 * ASCII head, its bytes. The map of a built record ({@link #of}) holds its entries as record text.
 */
final class HeaderMap {
    static final HeaderMap EMPTY = of(Map.of());

    /** The entries of a built record; null when they are the fields of {@code head}. */
    final String[] keys;
    final String[] values;
    /** The head whose fields are the entries, or null. */
    final MessageHead head;
    /** Values are message text (Latin-1), read as UTF-8 when written; else record text already. */
    final boolean messageText;
    final int size;
    /** For entries that are the head's fields: the fields that are not an entry (dropped, or grouped), or null. */
    final boolean[] skip;
    /** The values of names that occur more than once, joined, by the index of their first field; or null. */
    final String[] joined;
    /** Go's {@code Cache-Control: no-cache} for {@code Pragma: no-cache} follows the fields. */
    final boolean noCache;

    /** Entries that are the fields of {@code head}, the first {@code fields} of them, less those of {@code skip}. */
    HeaderMap(MessageHead head, int fields, boolean[] skip, String[] joined, boolean noCache) {
        keys = null;
        values = null;
        this.head = head;
        this.messageText = !head.ascii();
        this.size = fields;
        this.skip = skip;
        this.joined = joined;
        this.noCache = noCache;
    }

    private HeaderMap(String[] keys, String[] values, int size) {
        this.keys = keys;
        this.values = values;
        head = null;
        messageText = false;
        this.size = size;
        skip = null;
        joined = null;
        noCache = false;
    }

    /** Copies the head the entries are in, if any, before the buffer it was read from is reused. */
    void keep() {
        if (head != null) {
            head.keep();
        }
    }

    /** The entries of a map of record text, in its iteration order. */
    static HeaderMap of(Map<String, String> m) {
        String[] keys = new String[m.size()];
        String[] values = new String[m.size()];
        int i = 0;
        for (Map.Entry<String, String> e : m.entrySet()) {
            keys[i] = e.getKey();
            values[i] = e.getValue();
            i++;
        }
        return new HeaderMap(keys, values, keys.length);
    }

    /** The first {@code size} entries of {@code keys} and {@code values}, record text, in order. */
    static HeaderMap of(String[] keys, String[] values, int size) {
        return new HeaderMap(keys, values, size);
    }
}
