package io.netcap.types.format;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.netcap.types.RecordType;
import io.netcap.types.format.CsvFormat.Column;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The rows of {@code capture -csv -encode} (docs/cli.md, "-encode"): the columns of {@code -csv}, every value
 * a number for machine learning, computed online as the rows of one file go by.
 * <ul>
 *   <li>numbers, timestamps and counts (the fields' values, not their text rounded to the CSV's decimals): the
 *       running z-score, the value's distance from the mean of the column's values so far (this one included) in
 *       sample standard deviations; 0 while there is one value or all are equal. Values that are not finite are
 *       written as 0 and left out of the statistics;
 *   <li>booleans 1 and 0; enums their number;
 *   <li>IP addresses (the {@code ...IP} columns) the address as an unsigned integer: IPv4 the 32 bits,
 *       IPv6 its low 64 bits; anything else there 0;
 *   <li>any other text (strings, MACs, lists, structures, hex) a category: 0 for the column's first distinct
 *       value, 1 for the next, and so on; at most {@link #MAX_CATEGORIES} per column, values beyond them are
 *       written as -1 and counted ({@link #overCap}).
 * </ul>
 * Values are written with ten decimals, as the original's encoder writes them; addresses as integers.
 *
 * <p>The original keeps the last 10,000 values of a column to compute the mean and deviation, then z-scores
 * against the mean and deviation of two numbers (that mean and the value), which is not a z-score; here Welford's
 * update keeps the true running mean and variance in constant memory. The original also writes its encoded
 * values under the header of the plain CSV, with fewer values than names for most types; here the header and
 * the values are the same columns.
 *
 * <p>One instance per file: its state follows the order of the rows. Not thread-safe.
 */
public final class CsvEncoder {
    /** Distinct values kept per text column: beyond them a column is an identifier, not a category. */
    public static final int MAX_CATEGORIES = 1 << 16;
    private static final int DECIMALS = 10;
    /** What follows an integer to make it a value with {@link #DECIMALS} decimals. */
    private static final String ZERO_DECIMALS = ".0000000000";

    private final int[] selection;
    private final Column[] columns;
    /** Per column, the value of its field read without the text (number and boolean columns of a field), or null. */
    private final Function<Message, Object>[] readers;
    /** Per column, whether its field holds an unsigned integer (uint32, uint64). */
    private final boolean[] unsigned;
    private final int maxCategories;
    private final long[] count;
    private final double[] mean;
    private final double[] m2;
    /** Each number column's first value, subtracted from the ones that follow ({@link #shifted}). */
    private final long[] integerShift;
    private final double[] shift;
    private final Categories[] categories;
    private final long[] overCap;
    /** One row's values before they are encoded: a field's value, else its column's text. */
    private final Object[] values;
    private final StringBuilder[] texts;
    /** Per column, its renderer from wire bytes; all present, or the wire path is not taken. */
    private final WireCsv.Renderer[] wire;
    private final boolean allWire;
    private final WireIndex index;
    private final Parser<? extends Message> parser;

    /** The encoder of the columns {@code -csv} writes for {@code type}. */
    public CsvEncoder(RecordType type) {
        this(type, null, MAX_CATEGORIES);
    }

    /** The encoder of the positions {@code selection} of the type's {@link CsvFormat#names()}; null: as -csv. */
    public CsvEncoder(RecordType type, int[] selection) {
        this(type, selection, MAX_CATEGORIES);
    }

    CsvEncoder(RecordType type, int[] selection, int maxCategories) {
        CsvFormat format = CsvFormat.of(type);
        int[] sel = selection != null ? selection.clone() : format.dumpSelection();
        if (sel == null) {
            sel = new int[format.header().size()];
            for (int i = 0; i < sel.length; i++) {
                sel[i] = i;
            }
        }
        this.selection = sel;
        this.columns = new Column[sel.length];
        @SuppressWarnings("unchecked")
        Function<Message, Object>[] typed = new Function[sel.length];
        this.readers = typed;
        this.unsigned = new boolean[sel.length];
        for (int i = 0; i < sel.length; i++) {
            columns[i] = format.column(sel[i]);
            FieldDescriptor fd = columns[i].field();
            if (fd != null) {
                readers[i] = Accessors.reader(fd);
                unsigned[i] = switch (fd.getType()) {
                    case UINT32, FIXED32, UINT64, FIXED64 -> true;
                    default -> false;
                };
            }
        }
        this.maxCategories = maxCategories;
        this.count = new long[sel.length];
        this.mean = new double[sel.length];
        this.m2 = new double[sel.length];
        this.integerShift = new long[sel.length];
        this.shift = new double[sel.length];
        this.categories = new Categories[sel.length];
        this.overCap = new long[sel.length];
        this.values = new Object[sel.length];
        this.texts = new StringBuilder[sel.length];
        this.wire = new WireCsv.Renderer[sel.length];
        boolean all = true;
        for (int i = 0; i < sel.length; i++) {
            texts[i] = new StringBuilder(32);
            wire[i] = format.wireRenderer(sel[i]);
            all &= readers[i] != null || wire[i] != null;
        }
        this.allWire = all;
        this.index = new WireIndex(type.descriptor());
        this.parser = type.prototype().getParserForType();
    }

    /** The columns, as {@code -csv} writes them: the header of the encoded file too. */
    public int[] selection() {
        return selection.clone();
    }

    /** Appends the encoded row of {@code record}, comma-separated, without newline. */
    public void appendRow(Message record, StringBuilder out) {
        appendRow(record, ",", out);
    }

    /** Appends the encoded row of {@code record} without newline; no value needs quotes. */
    public void appendRow(Message record, String separator, StringBuilder out) {
        for (int i = 0; i < columns.length; i++) {
            if (readers[i] != null) { // the value itself: no text rendered and parsed back
                values[i] = readers[i].apply(record);
            } else {
                texts[i].setLength(0);
                columns[i].renderer().render(record, CsvStyle.raw(), texts[i]);
            }
        }
        encode(separator, out);
    }

    /**
     * As {@link #appendRow(Message, String, StringBuilder)} for the record {@code b[off .. off+len)} that this process
     * encoded: its values are read from the wire bytes ({@link WireCsv}) where every column can be, else from the
     * parsed record. Every value is read before any is encoded, so a record that goes the parsed way counts once.
     */
    public void appendRow(byte[] b, int off, int len, String separator, StringBuilder out)
            throws InvalidProtocolBufferException {
        if (allWire) {
            try {
                index.of(b, off, len);
                for (int i = 0; i < columns.length; i++) {
                    if (readers[i] != null) {
                        values[i] = index.scalar(columns[i].field());
                    } else {
                        texts[i].setLength(0);
                        wire[i].render(index, CsvStyle.raw(), texts[i]);
                    }
                }
                encode(separator, out);
                return;
            } catch (InvalidProtocolBufferException e) {
                // read from the parsed record below
            }
        }
        appendRow(parser.parseFrom(b, off, len), separator, out);
    }

    /** Encodes the row read into {@link #values} and {@link #texts}. */
    private void encode(String separator, StringBuilder out) {
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) {
                out.append(separator);
            }
            Column c = columns[i];
            if (readers[i] != null) {
                Object v = values[i];
                if (c.kind() == CsvFormat.Kind.BOOLEAN) {
                    out.append((Boolean) v ? 1 : 0).append(ZERO_DECIMALS);
                } else {
                    GoValues.appendFixed(out, zScore(i, shifted(i, v)), DECIMALS);
                }
                continue;
            }
            StringBuilder value = texts[i];
            switch (c.kind()) {
                case NUMBER -> GoValues.appendFixed(out, zScore(i, shifted(i, value)), DECIMALS);
                case BOOLEAN -> out.append("true".contentEquals(value) ? 1 : 0).append(ZERO_DECIMALS);
                case ENUM -> out.append(value).append(ZERO_DECIMALS);
                case ADDRESS -> address(value, out);
                case TEXT -> out.append(category(i, value)).append(ZERO_DECIMALS);
            }
        }
    }

    /** Values of each text column beyond its category cap, written as -1, by column name; only those with any. */
    public Map<String, Long> overCap() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < columns.length; i++) {
            if (overCap[i] > 0) {
                m.put(columns[i].name(), overCap[i]);
            }
        }
        return m;
    }

    /**
     * The value of a number column less the column's first value (a z-score does not change with such a shift):
     * nanosecond timestamps of 1.7 * 10^18 would otherwise lose the last 7 of 10 decimals to rounding. Integers
     * are subtracted exactly as longs; NaN for a value that is not finite.
     */
    private double shifted(int i, StringBuilder text) {
        try {
            return shifted(i, Long.parseLong(text, 0, text.length(), 10));
        } catch (NumberFormatException e) {
            try {
                return shifted(i, Double.parseDouble(text.toString()));
            } catch (NumberFormatException notANumber) {
                return Double.NaN; // GoValues' "+Inf" and "-Inf"
            }
        }
    }

    /** {@link #shifted(int, StringBuilder)} of a field's value (Integer, Long, Float or Double, as read). */
    private double shifted(int i, Object v) {
        return switch (v) {
            case Integer n -> shifted(i, unsigned[i] ? Integer.toUnsignedLong(n) : n);
            // a uint64 from 2^63 on is no long: its nearest double, as its decimal text would give
            case Long n -> unsigned[i] && n < 0 ? shifted(i, Double.parseDouble(Long.toUnsignedString(n)))
                    : shifted(i, (long) n);
            case Float f -> shifted(i, (double) f);
            default -> shifted(i, (double) (Double) v);
        };
    }

    private double shifted(int i, long integer) {
        if (count[i] == 0) {
            integerShift[i] = integer;
            shift[i] = integer;
        }
        long difference = integer - integerShift[i];
        boolean overflow = ((integer ^ integerShift[i]) & (integer ^ difference)) < 0;
        return overflow ? (double) integer - shift[i] : difference;
    }

    private double shifted(int i, double d) {
        if (!Double.isFinite(d)) {
            return Double.NaN;
        }
        if (count[i] == 0) {
            shift[i] = d;
        }
        return d - shift[i];
    }

    /** Welford's update with {@code x}, then x's z-score against the sample mean and deviation; 0 for NaN. */
    private double zScore(int i, double x) {
        if (!Double.isFinite(x)) {
            return 0;
        }
        long n = ++count[i];
        double delta = x - mean[i];
        mean[i] += delta / n;
        m2[i] += delta * (x - mean[i]);
        if (n < 2 || m2[i] <= 0) {
            return 0;
        }
        return (x - mean[i]) / Math.sqrt(m2[i] / (n - 1));
    }

    private int category(int i, StringBuilder value) {
        Categories c = categories[i];
        if (c == null) {
            c = categories[i] = new Categories();
        }
        int index = c.indexOf(hash(value), maxCategories);
        if (index < 0) {
            overCap[i]++;
        }
        return index;
    }

    /** IPv4 as its 32 bits, IPv6 as its low 64 bits (unsigned), anything else 0. */
    static void address(CharSequence text, StringBuilder out) {
        if (text.isEmpty()) {
            out.append('0');
            return;
        }
        byte[] a;
        try {
            a = InetAddress.ofLiteral(text.toString()).getAddress(); // a literal only: never a name lookup
        } catch (IllegalArgumentException e) {
            out.append('0');
            return;
        }
        long v = 0;
        for (int k = Math.max(0, a.length - 8); k < a.length; k++) {
            v = (v << 8) | (a[k] & 0xFF);
        }
        out.append(a.length == 4 ? Long.toString(v) : Long.toUnsignedString(v));
    }

    /** 64 bits of the text (FNV-1a over its chars, then MurmurHash3's finaliser): equal text, equal key. */
    private static long hash(CharSequence s) {
        long h = 0xcbf29ce484222325L;
        for (int k = 0; k < s.length(); k++) {
            h = (h ^ s.charAt(k)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /**
     * A column's categories: 64-bit keys of its distinct values and their indexes in order of first appearance, in
     * an open-addressed table (12 bytes a slot, at most half full), so that a column costs at most about 1.5 MB
     * whatever its values' length. Two distinct values share an index only if their keys collide.
     */
    private static final class Categories {
        private long[] keys = new long[16];
        private int[] indexes = new int[16];
        private boolean zeroKey;
        private int zeroIndex;
        private int size;

        /** The index of {@code key}, a new one when it is new, or -1 when it is new and {@code max} are taken. */
        int indexOf(long key, int max) {
            if (key == 0) { // 0 marks a free slot
                if (!zeroKey) {
                    if (size == max) {
                        return -1;
                    }
                    zeroKey = true;
                    zeroIndex = size++;
                }
                return zeroIndex;
            }
            int mask = keys.length - 1;
            int slot = (int) key & mask;
            while (keys[slot] != 0) {
                if (keys[slot] == key) {
                    return indexes[slot];
                }
                slot = (slot + 1) & mask;
            }
            if (size == max) {
                return -1;
            }
            keys[slot] = key;
            indexes[slot] = size++;
            if (2 * size > keys.length) {
                grow();
            }
            return size - 1;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldIndexes = indexes;
            keys = new long[oldKeys.length * 2];
            indexes = new int[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int k = 0; k < oldKeys.length; k++) {
                if (oldKeys[k] != 0) {
                    int slot = (int) oldKeys[k] & mask;
                    while (keys[slot] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    keys[slot] = oldKeys[k];
                    indexes[slot] = oldIndexes[k];
                }
            }
        }
    }
}
