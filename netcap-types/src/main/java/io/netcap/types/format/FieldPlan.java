package io.netcap.types.format;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The fields of a message type as the text formats walk them (field-number order), with what they ask of each field
 * on every record worked out once per type: how its presence is told, its reader ({@link Accessors#reader}), its
 * JSON key. Asking the descriptor on every record (its label, presence, type and name) cost about as much as
 * reading the values in a profile of {@code dump -json}.
 */
final class FieldPlan {
    /** How a field's presence is told: a map or list by its size, a message or explicit presence by the message, else the value. */
    enum Presence { MAP, REPEATED, HAS, VALUE }

    private static final Set<String> HTTP_BODIES = Set.of("types.HTTP.RequestBody", "types.HTTP.ResponseBody");
    private static final Map<Descriptor, FieldPlan> PLANS = new ConcurrentHashMap<>();

    /**
     * One field.
     *
     * @param jsonKey      the quoted name and colon, {@code "Name":}
     * @param topLevelTime a singular int64 named Timestamp, TimestampFirst or TimestampLast (milliseconds in
     *                     {@code capture -json} at the top level)
     * @param httpBody     HTTP's RequestBody or ResponseBody ({@code capture -json} leaves them out)
     * @param binary       a string field that carries binary data ({@link JsonFormat#BINARY_STRINGS})
     */
    record Field(FieldDescriptor fd, String name, Function<Message, Object> reader, Presence presence,
                 boolean message, String jsonKey, boolean topLevelTime, boolean httpBody, boolean binary) {

        /** The field's value when it is written to the wire, else null (without reading it where that can be told first). */
        Object valueIfPresent(Message m) {
            return switch (presence) {
                case MAP -> m.getRepeatedFieldCount(fd) > 0 ? reader.apply(m) : null;
                case HAS -> m.hasField(fd) ? reader.apply(m) : null;
                case REPEATED -> {
                    Object v = reader.apply(m);
                    yield ((List<?>) v).isEmpty() ? null : v;
                }
                case VALUE -> {
                    Object v = reader.apply(m);
                    yield nonDefault(m, v) ? v : null;
                }
            };
        }

        private boolean nonDefault(Message m, Object v) {
            return switch (v) {
                case Integer i -> i != 0;
                case Long l -> l != 0;
                case Boolean b -> b;
                case Double d -> Double.doubleToRawLongBits(d) != 0;
                case Float f -> Float.floatToRawIntBits(f) != 0;
                case String s -> !s.isEmpty();
                case com.google.protobuf.ByteString b -> !b.isEmpty();
                default -> m.hasField(fd); // enums
            };
        }
    }

    private final Field[] fields;
    private final boolean mapEntry;

    private FieldPlan(Descriptor d) {
        List<FieldDescriptor> byNumber = d.getFields().stream().sorted(Comparator.comparingInt(FieldDescriptor::getNumber))
                .toList();
        fields = new Field[byNumber.size()];
        for (int i = 0; i < fields.length; i++) {
            FieldDescriptor fd = byNumber.get(i);
            boolean message = fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
            Presence presence = fd.isMapField() ? Presence.MAP : fd.isRepeated() ? Presence.REPEATED
                    : message || fd.hasPresence() ? Presence.HAS : Presence.VALUE;
            fields[i] = new Field(fd, fd.getName(), Accessors.reader(fd), presence, message,
                    JsonFormat.quote(fd.getName()) + ':',
                    CsvLayouts.TIME_FIELDS.contains(fd.getName()) && fd.getJavaType() == FieldDescriptor.JavaType.LONG
                            && !fd.isRepeated(),
                    HTTP_BODIES.contains(fd.getFullName()), JsonFormat.isBinaryString(fd));
        }
        mapEntry = d.getOptions().getMapEntry();
    }

    static FieldPlan of(Descriptor d) {
        return PLANS.computeIfAbsent(d, FieldPlan::new);
    }

    Field[] fields() {
        return fields;
    }

    /** A map entry: key and value are always shown, even when they hold defaults. */
    boolean mapEntry() {
        return mapEntry;
    }
}
