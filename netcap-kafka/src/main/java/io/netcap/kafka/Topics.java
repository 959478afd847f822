package io.netcap.kafka;

import io.netcap.types.RecordType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The names both ends agree on (docs/scale-out.md, "Kafka"): one topic per record type, named by a
 * prefix and the type's file name ({@code netcap.TCP}), and the headers every message carries.
 */
public final class Topics {
    /** Default {@code -kafka-topic-prefix}. */
    public static final String DEFAULT_PREFIX = "netcap.";
    /** The sensor's name; the collector writes its records under a directory of that name. */
    public static final String SENSOR = "netcap.sensor";
    /** Per sensor run and record type, 0, 1, 2, ... in the order the records were written (8 bytes, big-endian). */
    public static final String SEQUENCE = "netcap.seq";
    /** The {@code Header} record of the sensor's file of this type, serialized; a collector's new file starts with it. */
    public static final String FILE_HEADER = "netcap.header";

    /** Sensor names as the UDP collector accepts client IDs: they name a directory. */
    private static final Pattern SENSOR_NAME = Pattern.compile("(?!\\.{1,2}$)[A-Za-z0-9._@+-]{1,64}");
    /** Kafka's own rule for topic names. */
    private static final Pattern TOPIC_CHARS = Pattern.compile("[A-Za-z0-9._-]*");

    private static final Map<String, RecordType> BY_FILE_NAME = Arrays.stream(RecordType.values())
            .collect(Collectors.toUnmodifiableMap(RecordType::fileName, Function.identity()));

    private Topics() {}

    public static String topic(String prefix, RecordType type) {
        return prefix + type.fileName();
    }

    /** The record type of {@code topic} under {@code prefix}, if it names one. */
    public static Optional<RecordType> type(String prefix, String topic) {
        if (!topic.startsWith(prefix)) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_FILE_NAME.get(topic.substring(prefix.length())));
    }

    /** Every topic of {@code prefix} and nothing else, for a pattern subscription. */
    public static Pattern pattern(String prefix) {
        return Pattern.compile(Pattern.quote(prefix) + ".+");
    }

    /** Why {@code prefix} cannot start topic names, or null. */
    public static String invalidPrefix(String prefix) {
        if (!TOPIC_CHARS.matcher(prefix).matches()) {
            return "-kafka-topic-prefix " + prefix + ": allowed are letters, digits, '.', '_' and '-'";
        }
        int longest = Arrays.stream(RecordType.values()).mapToInt(t -> t.fileName().length()).max().orElse(0);
        if (prefix.length() + longest > 249) {
            return "-kafka-topic-prefix " + prefix + ": too long for Kafka's 249-character topic names";
        }
        return null;
    }

    public static boolean validSensor(String name) {
        return name != null && SENSOR_NAME.matcher(name).matches();
    }

    static byte[] sequence(long n) {
        return ByteBuffer.allocate(Long.BYTES).putLong(n).array();
    }

    static long sequence(byte[] b) {
        return b != null && b.length == Long.BYTES ? ByteBuffer.wrap(b).getLong() : -1;
    }
}
