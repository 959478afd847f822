package io.netcap.types.format;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.netcap.types.RecordType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * CSV header and values of one record type, derived from the message descriptor: every field in
 * schema order, rendered by its protobuf type, with the declared exceptions of {@link CsvLayouts}
 * (fields the original leaves out, renamed or counted columns, its bug-compatible renderings). After
 * the original's columns come extension columns, one per field they do not show by name, so that
 * every field can be selected. See docs/original.md, "CSV columns", and docs/cli.md, "CSV".
 */
public final class CsvFormat {
    /** Renders one value into {@code out}; never throws on well-formed messages. */
    @FunctionalInterface
    public interface Renderer {
        void render(Message record, CsvStyle style, StringBuilder out);
    }

    /**
     * What a column holds, for the numeric encoding of {@code -encode} ({@link CsvEncoder}) and for quoting:
     * numbers (integers, floats, timestamps, counts), booleans and enum numbers never need quotes; an address
     * column holds an IP address as text (a singular string field named {@code ...IP}).
     */
    public enum Kind {
        NUMBER, BOOLEAN, ENUM, ADDRESS, TEXT;

        /** Whether the value can never need quoting. */
        boolean plain() {
            return this == NUMBER || this == BOOLEAN || this == ENUM;
        }
    }

    /**
     * One CSV column: its header name, how its value is produced, what kind of value that is, and the singular scalar
     * field it shows as it is, if any ({@code field}, else null), whose value {@link CsvEncoder} reads without text.
     */
    public record Column(String name, Renderer renderer, Kind kind, FieldDescriptor field) {
        public Column(String name, Renderer renderer) {
            this(name, renderer, Kind.TEXT, null);
        }

        public Column(String name, Renderer renderer, Kind kind) {
            this(name, renderer, kind, null);
        }

        /** A number, boolean, enum number or timestamp: its row skips the scan for quotes. */
        public boolean plain() {
            return kind.plain();
        }
    }

    /** The column of a top-level field. */
    static Column column(String name, FieldDescriptor fd, int decimals) {
        Kind kind = fd.isRepeated() ? Kind.TEXT : switch (fd.getJavaType()) {
            case INT, LONG, FLOAT, DOUBLE -> Kind.NUMBER;
            case BOOLEAN -> Kind.BOOLEAN;
            case ENUM -> Kind.ENUM;
            case STRING -> fd.getName().endsWith("IP") ? Kind.ADDRESS : Kind.TEXT;
            default -> Kind.TEXT;
        };
        return new Column(name, field(fd, decimals), kind, kind == Kind.NUMBER || kind == Kind.BOOLEAN ? fd : null);
    }

    /** The column of a top-level timestamp field: integer nanoseconds, or the UTC text. */
    static Column timestampColumn(String name, FieldDescriptor fd) {
        return new Column(name, timestamp(fd), Kind.NUMBER, fd);
    }

    // before BY_TYPE: building the formats reads them

    /**
     * Bytes fields inside structures that hold text (DNS names): the original prints them raw, every
     * other bytes field as lower-case hex.
     */
    static final Set<String> RAW_TEXT_BYTES = Set.of(
            "types.DNSResourceRecord.NS", "types.DNSResourceRecord.CNAME", "types.DNSResourceRecord.PTR",
            "types.DNSResourceRecord.TXTs", "types.DNSSOA.MName", "types.DNSSOA.RName", "types.DNSSRV.Name");

    /** Structures whose members the original renders in another order than the schema. */
    static final Map<String, List<String>> STRUCT_ORDER = Map.of(
            "types.CDPPowerDialogue", List.of("Values", "ID", "MgmtID"));

    private static final Map<RecordType, CsvFormat> BY_TYPE = new EnumMap<>(RecordType.class);

    static {
        for (RecordType t : RecordType.values()) {
            BY_TYPE.put(t, new CsvFormat(t, CsvLayouts.columns(t)));
        }
    }

    private final RecordType type;
    /** the original's columns, then the extension columns */
    private final List<Column> columns;
    private final int original;
    private final List<String> names;
    private final int[] dumpSelection;
    /** Each column's renderer of messages, and of wire bytes where it has one (else null), by position. */
    private final Renderer[] messageRenderers;
    private final WireCsv.Renderer[] wireRenderers;
    /** Whether a column's values can never need quotes ({@link Column#plain()}), by position. */
    private final boolean[] plain;

    private CsvFormat(RecordType type, List<Column> originalColumns) {
        this.type = type;
        List<String> header = new ArrayList<>(originalColumns.size());
        for (Column c : originalColumns) {
            header.add(c.name());
        }
        List<Column> all = new ArrayList<>(originalColumns);
        all.addAll(CsvLayouts.extensions(type, header));
        this.columns = List.copyOf(all);
        this.original = originalColumns.size();
        messageRenderers = new Renderer[all.size()];
        wireRenderers = new WireCsv.Renderer[all.size()];
        plain = new boolean[all.size()];
        for (int i = 0; i < all.size(); i++) {
            plain[i] = all.get(i).plain();
            Renderer r = all.get(i).renderer();
            boolean dual = r instanceof WireCsv.Dual;
            messageRenderers[i] = dual ? ((WireCsv.Dual) r).message() : r;
            wireRenderers[i] = dual ? ((WireCsv.Dual) r).wire() : null;
        }
        List<String> allNames = new ArrayList<>(all.size());
        for (Column c : all) {
            allNames.add(c.name());
        }
        this.names = Collections.unmodifiableList(allNames);
        List<String> shown = CsvLayouts.shown(type);
        if (shown.isEmpty()) {
            this.dumpSelection = null;
        } else {
            int[] sel = new int[original + shown.size()];
            for (int i = 0; i < original; i++) {
                sel[i] = i;
            }
            for (int i = 0; i < shown.size(); i++) {
                sel[original + i] = allNames.indexOf(shown.get(i));
            }
            this.dumpSelection = sel;
        }
    }

    public static CsvFormat of(RecordType type) {
        return BY_TYPE.get(type);
    }

    public RecordType type() {
        return type;
    }

    /** The original's (corrected) header: one name per value of {@link #values(Message, CsvStyle)}. */
    public List<String> header() {
        return names.subList(0, original);
    }

    /** The names of the selected positions of {@link #names()}, or the original's header for null. */
    public List<String> header(int[] selection) {
        if (selection == null) {
            return header();
        }
        List<String> out = new ArrayList<>(selection.length);
        for (int i : selection) {
            out.add(names.get(i));
        }
        return out;
    }

    /** The original's columns. */
    public List<Column> columns() {
        return columns.subList(0, original);
    }

    /** The column at a position of {@link #names()}. */
    Column column(int position) {
        return columns.get(position);
    }

    /** The renderer of a column's value from wire bytes, by position of {@link #names()}; null where it has none. */
    WireCsv.Renderer wireRenderer(int position) {
        return wireRenderers[position];
    }

    /** Every selectable column name: the original's header, then one per field it has no column for. */
    public List<String> names() {
        return names;
    }

    /**
     * The columns {@code net dump} prints by default, as positions in {@link #names()}: the original's
     * and the extension columns declared for display (Connection UID and CommunityID); null when that is
     * exactly the original's header.
     */
    public int[] dumpSelection() {
        return dumpSelection == null ? null : dumpSelection.clone();
    }

    /** Column position in {@link #names()} of a name, or -1. */
    public int indexOf(String name) {
        return names.indexOf(name);
    }

    public List<String> values(Message record, CsvStyle style) {
        return values(record, style, null);
    }

    /** Values of the original's columns, or of the selected positions of {@link #names()} in the given order. */
    public List<String> values(Message record, CsvStyle style, int[] selection) {
        int n = selection == null ? original : selection.length;
        List<String> out = new ArrayList<>(n);
        StringBuilder sb = new StringBuilder(32);
        for (int i = 0; i < n; i++) {
            sb.setLength(0);
            messageRenderers[selection == null ? i : selection[i]].render(record, style, sb);
            out.add(sb.toString());
        }
        return out;
    }

    /**
     * Appends the row (the original's columns, or the selected positions of {@link #names()} in the given
     * order) without newline; RFC 4180 quoting unless the style is legacy.
     */
    public void appendRow(Message record, CsvStyle style, String separator, int[] selection, StringBuilder out) {
        try {
            appendRow(record, null, style, separator, selection, out);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("only wire renderers fall back", e);
        }
    }

    /** The row from the message's renderers, or with {@code wire} not null from the indexed record's bytes. */
    private void appendRow(Message record, WireIndex wire, CsvStyle style, String separator, int[] selection,
                           StringBuilder out) throws InvalidProtocolBufferException {
        int n = selection == null ? original : selection.length;
        boolean plainSafe = plainSafe(separator);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(separator);
            }
            int start = out.length();
            int c = selection == null ? i : selection[i];
            if (wire == null) {
                messageRenderers[c].render(record, style, out);
            } else {
                wireRenderers[c].render(wire, style, out);
            }
            quoteIfNeeded(c, start, style, separator, plainSafe, out);
        }
    }

    /** A plain value holds digits, letters, '.', '-', '+', ':' and spaces: none of these separators. */
    private static boolean plainSafe(String separator) {
        return separator.length() == 1 && ",;\t|".indexOf(separator.charAt(0)) >= 0;
    }

    private void quoteIfNeeded(int column, int start, CsvStyle style, String separator, boolean plainSafe,
                               StringBuilder out) {
        if (!style.legacy() && !(plain[column] && plainSafe)) {
            quote(out, start, separator);
        }
    }

    /**
     * Rows of this type from records' wire bytes, read without building the messages where the columns allow it
     * ({@link WireCsv}): what {@link #appendRow(Message, CsvStyle, String, int[], StringBuilder)} writes for the parsed
     * record, faster. Not thread-safe: one per thread.
     */
    public WireRows wireRows() {
        return new WireRows();
    }

    /** See {@link #wireRows()}. */
    public final class WireRows {
        private final WireIndex index = new WireIndex(type.descriptor());
        private final Parser<? extends Message> parser = type.prototype().getParserForType();
        /** The last selection asked about (by identity), whether one was, and whether all its columns read bytes. */
        private int[] lastSelection;
        private boolean asked;
        private boolean lastAllWire;
        private long fromMessages;

        private WireRows() {}

        /** Appends the row of the record {@code b[off .. off+len)} as {@link CsvFormat#appendRow} does for its message. */
        public void appendRow(byte[] b, int off, int len, CsvStyle style, String separator, int[] selection,
                              StringBuilder out) throws InvalidProtocolBufferException {
            if (!fromWire(b, off, len, style, separator, selection, out)) {
                CsvFormat.this.appendRow(parser.parseFrom(b, off, len), style, separator, selection, out);
            }
        }

        /**
         * As {@link #appendRow(byte[], int, int, CsvStyle, String, int[], StringBuilder)} for a record that has been
         * parsed (and so checked) already: {@code parsed} serves where a column cannot read the bytes. Record files
         * read from disk take this way.
         */
        public void appendRow(Message parsed, byte[] b, int off, int len, CsvStyle style, String separator,
                              int[] selection, StringBuilder out) {
            if (!fromWire(b, off, len, style, separator, selection, out)) {
                CsvFormat.this.appendRow(parsed, style, separator, selection, out);
            }
        }

        /** The row from the bytes, or false (nothing appended) where the message has to render it. */
        private boolean fromWire(byte[] b, int off, int len, CsvStyle style, String separator, int[] selection,
                                 StringBuilder out) {
            if (allWire(selection)) {
                int mark = out.length();
                try {
                    index.of(b, off, len);
                    CsvFormat.this.appendRow(null, index, style, separator, selection, out);
                    return true;
                } catch (InvalidProtocolBufferException f) {
                    out.setLength(mark);
                }
            }
            fromMessages++;
            return false;
        }

        /** Rows rendered from the parsed message, not from the wire. */
        public long fromMessages() {
            return fromMessages;
        }

        private boolean allWire(int[] selection) {
            if (!asked || selection != lastSelection) {
                boolean all = true;
                int n = selection == null ? original : selection.length;
                for (int i = 0; i < n && all; i++) {
                    all = wireRenderers[selection == null ? i : selection[i]] != null;
                }
                lastSelection = selection;
                lastAllWire = all;
                asked = true;
            }
            return lastAllWire;
        }
    }

    /** Appends a header (or any list of fields) as one row, quoted like {@link #appendRow}. */
    public static void appendFields(List<String> fields, CsvStyle style, String separator, StringBuilder out) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            int start = out.length();
            out.append(fields.get(i));
            if (!style.legacy()) {
                quote(out, start, separator);
            }
        }
    }

    /**
     * RFC 4180 section 2: a field holding the separator, a double quote, CR or LF is enclosed in double
     * quotes and its quotes doubled; other fields stay as they are. For a separator of several
     * characters, a field holding its first character is quoted too, so no field can run into a
     * separator and every row reads back one way.
     */
    static void quote(StringBuilder out, int start, String separator) {
        char first = separator.isEmpty() ? '"' : separator.charAt(0);
        boolean needed = false;
        for (int i = start; i < out.length() && !needed; i++) {
            char c = out.charAt(i);
            needed = c == '"' || c == '\r' || c == '\n' || c == first;
        }
        if (!needed) {
            return;
        }
        String field = out.substring(start);
        out.setLength(start);
        out.append('"').append(field.replace("\"", "\"\"")).append('"');
    }

    // ---- generic rendering of fields, shared with CsvLayouts ----

    /** Value of a top-level field by its protobuf type; {@code decimals} applies to doubles. */
    static Renderer field(FieldDescriptor fd, int decimals) {
        Function<Message, Object> get = Accessors.reader(fd);
        Renderer message;
        if (fd.isMapField() || fd.isRepeated()) {
            message = (m, s, out) -> appendList(out, s, fd, (List<?>) get.apply(m));
        } else if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            message = (m, s, out) -> appendStruct(out, s, (Message) get.apply(m), new ArrayList<>());
        } else {
            message = (m, s, out) -> appendScalar(out, fd, get.apply(m), decimals);
        }
        WireCsv.Renderer wire = WireCsv.field(fd, decimals);
        return wire == null ? message : new WireCsv.Dual(message, wire);
    }

    /** The UTC string with {@code -utc}, else integer nanoseconds. */
    static Renderer timestamp(FieldDescriptor fd) {
        Function<Message, Object> get = Accessors.reader(fd);
        return new WireCsv.Dual((m, s, out) -> {
            long ns = (Long) get.apply(m);
            if (s.utc()) {
                GoValues.appendUtc(out, ns);
            } else {
                out.append(ns);
            }
        }, WireCsv.timestamp(fd));
    }

    static void appendScalar(StringBuilder out, FieldDescriptor fd, Object v, int decimals) {
        switch (fd.getType()) {
            case UINT32, FIXED32 -> out.append(Integer.toUnsignedLong((Integer) v));
            case UINT64, FIXED64 -> {
                long l = (Long) v;
                if (l >= 0) {
                    out.append(l);
                } else {
                    out.append(Long.toUnsignedString(l));
                }
            }
            case DOUBLE -> GoValues.appendFixed(out, (Double) v, decimals);
            case FLOAT -> GoValues.appendFixed(out, (Float) v, decimals);
            case BYTES -> {
                ByteString b = (ByteString) v;
                if (RAW_TEXT_BYTES.contains(fd.getFullName())) {
                    out.append(b.toStringUtf8());
                } else {
                    GoValues.appendHex(out, b);
                }
            }
            case ENUM -> out.append(((com.google.protobuf.Descriptors.EnumValueDescriptor) v).getNumber());
            default -> appendPlain(out, v);
        }
    }

    /** Ints, bools (lower case) and strings as they are; the digits go into {@code out} without a string of their own. */
    private static void appendPlain(StringBuilder out, Object v) {
        switch (v) {
            case Integer i -> out.append(i.intValue());
            case Long l -> out.append(l.longValue());
            case Boolean b -> out.append(b.booleanValue());
            default -> out.append(v);
        }
    }

    /** (L): begin + elements joined by the structure separator + end. */
    static void appendList(StringBuilder out, CsvStyle s, FieldDescriptor fd, List<?> elements) {
        out.append(s.begin());
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                out.append(s.structSep());
            }
            appendElement(out, s, fd, elements.get(i), new ArrayList<>());
        }
        out.append(s.end());
    }

    static void appendElement(StringBuilder out, CsvStyle s, FieldDescriptor fd, Object element, List<Descriptor> path) {
        if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            appendStruct(out, s, (Message) element, path);
        } else {
            appendScalar(out, fd, element, 6);
        }
    }

    /**
     * (S): begin + the members in schema order joined by the structure separator + end. An absent
     * member message renders with its default values, except where the message type recurses
     * (GRE routing's {@code Next}), where absence ends the chain with an empty string.
     */
    static void appendStruct(StringBuilder out, CsvStyle s, Message msg, List<Descriptor> path) {
        Descriptor d = msg.getDescriptorForType();
        path.add(d);
        out.append(s.begin());
        boolean first = true;
        for (Member member : structFields(d)) {
            FieldDescriptor fd = member.fd();
            if (!first) {
                out.append(s.structSep());
            }
            first = false;
            if (member.repeated()) {
                List<?> list = (List<?>) member.reader().apply(msg);
                out.append(s.begin());
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(s.structSep());
                    }
                    appendElement(out, s, fd, list.get(i), path);
                }
                out.append(s.end());
            } else if (member.message()) {
                if (msg.hasField(fd) || !path.contains(fd.getMessageType())) {
                    appendStruct(out, s, (Message) member.reader().apply(msg), path);
                }
            } else {
                appendScalar(out, fd, member.reader().apply(msg), 6);
            }
        }
        out.append(s.end());
        path.remove(path.size() - 1);
    }

    /** A member of a structure, with what rendering asks of it worked out once per message type. */
    private record Member(FieldDescriptor fd, Function<Message, Object> reader, boolean repeated, boolean message) {}

    private static final Map<Descriptor, List<Member>> STRUCT_FIELDS = new java.util.concurrent.ConcurrentHashMap<>();

    private static List<Member> structFields(Descriptor d) {
        return STRUCT_FIELDS.computeIfAbsent(d, key -> memberOrder(key).stream()
                .map(fd -> new Member(fd, Accessors.reader(fd), fd.isRepeated(),
                        !fd.isRepeated() && fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE))
                .toList());
    }

    /** A structure's members in the order (S) renders them: the schema's, or {@link #STRUCT_ORDER}'s. */
    static List<FieldDescriptor> memberOrder(Descriptor d) {
        List<String> order = STRUCT_ORDER.get(d.getFullName());
        if (order == null) {
            return d.getFields();
        }
        List<FieldDescriptor> fields = new ArrayList<>();
        for (String name : order) {
            fields.add(d.findFieldByName(name));
        }
        return fields;
    }
}
