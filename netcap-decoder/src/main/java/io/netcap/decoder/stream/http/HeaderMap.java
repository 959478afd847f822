package io.netcap.decoder.stream.http;

import java.util.Map;

/**
 * The entries of a record's header map in the order the generated map keeps them (first insertion), names ASCII
 * (tokens), values as message text (Latin-1, {@link HttpText}), record text, or bytes of an ASCII head: written
 * straight to the wire by {@link HttpWire}, without the map and map-entry objects the generated builder makes per
 * field, and for an ASCII head without a string per value. A head of up to 64 fields is not copied into arrays of
 * entries: its fields are the entries, less those {@code skip} marks.
 */
final class HeaderMap {
    static final HeaderMap EMPTY = new HeaderMap(0, false, null);

    /** The entries; null when they are the fields of {@code head}. */
    final String[] keys;
    /** Each value as text; null where it is at positions {@code bounds[2i] .. bounds[2i+1]} of {@code head}. */
    final String[] values;
    final int[] bounds;
    /** The ASCII head the values without text are in ({@link MessageHead#text}), or null. */
    final MessageHead head;
    /** Values are message text (Latin-1), read as UTF-8 when written; else record text already. */
    final boolean messageText;
    int size;
    /** For entries that are the head's fields: one bit per field that is not an entry (dropped, or grouped). */
    final long skip;
    /** The values of names that occur more than once, joined, by the index of their first field; or null. */
    final String[] joined;
    /** Go's {@code Cache-Control: no-cache} for {@code Pragma: no-cache} follows the fields. */
    final boolean noCache;

    /** Entries that are the fields of {@code head}, the first {@code fields} of them, less those of {@code skip}. */
    HeaderMap(MessageHead head, int fields, long skip, String[] joined, boolean noCache) {
        keys = null;
        values = null;
        bounds = null;
        this.head = head;
        this.messageText = !head.ascii();
        this.size = fields;
        this.skip = skip;
        this.joined = joined;
        this.noCache = noCache;
    }

    HeaderMap(int capacity, boolean messageText, MessageHead head) {
        skip = 0;
        joined = null;
        noCache = false;
        keys = new String[capacity];
        values = new String[capacity];
        bounds = head == null ? null : new int[2 * capacity];
        this.head = head;
        this.messageText = messageText;
    }

    void add(String key, String value) {
        keys[size] = key;
        values[size] = value;
        size++;
    }

    /** An entry whose value is at positions {@code from .. to} of the head. */
    void add(String key, int from, int to) {
        keys[size] = key;
        bounds[2 * size] = from;
        bounds[2 * size + 1] = to;
        size++;
    }

    /** Copies the head the entries are in, if any, before the buffer it was read from is reused. */
    void keep() {
        if (head != null) {
            head.keep();
        }
    }

    /** The entries of a map of record text, in its iteration order. */
    static HeaderMap of(Map<String, String> m) {
        HeaderMap h = new HeaderMap(m.size(), false, null);
        m.forEach(h::add);
        return h;
    }
}
