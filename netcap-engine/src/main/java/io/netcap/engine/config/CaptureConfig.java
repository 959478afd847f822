package io.netcap.engine.config;

import io.netcap.decoder.Protocols;
import io.netcap.types.RecordType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The settings the engine acts on, resolved from the flags.
 *
 * @param gzipLevel     1..9, or -1 for no compression
 * @param recordTypes   the record types whose decoders run (after -include / -exclude)
 */
public record CaptureConfig(String read, String iface, String out, String bpf, int workers, int packetBuffer,
                            boolean compress, int gzipLevel, Set<RecordType> recordTypes, boolean payload,
                            boolean context, boolean entropy, boolean quiet, boolean progress,
                            boolean logErrors, boolean ignoreUnknown, Duration connTimeout,
                            Duration connActiveTimeout, int connFlushInterval, int snaplen, boolean promisc,
                            Duration timeout, boolean datagrams) {

    /** Resolves the flags; {@code -include}/{@code -exclude} names that match no decoder are an error. */
    public static CaptureConfig from(FlagSet f) throws InvalidDecoderException {
        Set<RecordType> types = selectDecoders(f.getString("include"), f.getString("exclude"));
        String level = f.getString("compression-level").trim().toLowerCase(Locale.ROOT);
        int gzip = switch (level) {
            case "max-speed", "fastest", "1" -> 1;
            case "max-compression", "best", "9" -> 9;
            case "none", "0" -> -1;
            case "2", "3", "4", "5", "7", "8" -> Integer.parseInt(level);
            default -> 6; // "default" and unknown words, like the original
        };
        boolean compress = f.getBool("compress") && gzip > 0;
        return new CaptureConfig(f.getString("read"), f.getString("iface"), f.getString("out"), f.getString("bpf"),
                (int) Math.max(1, f.getInt("workers")), (int) Math.max(1, f.getInt("pbuf")), compress,
                compress ? gzip : -1, types, f.getBool("payload"), f.getBool("context"), f.getBool("entropy"),
                f.getBool("quiet"), f.getBool("progress"), f.getBool("log-errors"), f.getBool("ignore-unknown"),
                f.getDuration("conn-timeout"), f.getDuration("conn-active-timeout"),
                (int) Math.max(1, f.getInt("conn-flush-interval")), (int) f.getInt("snaplen"), f.getBool("promisc"),
                f.getDuration("timeout"), f.getString("opts").contains("datagrams"));
    }

    /** Thrown for a decoder name that does not exist ({@code invalid decoder: <name>}, exit 1). */
    public static final class InvalidDecoderException extends Exception {
        public InvalidDecoderException(String name) {
            super("invalid decoder: " + name);
        }
    }

    static Set<RecordType> selectDecoders(String include, String exclude) throws InvalidDecoderException {
        Set<RecordType> in = names(include);
        Set<RecordType> ex = names(exclude);
        Set<RecordType> result = in.isEmpty() ? EnumSet.allOf(RecordType.class) : EnumSet.copyOf(in);
        result.removeAll(ex);
        return result;
    }

    private static Set<RecordType> names(String list) throws InvalidDecoderException {
        Set<RecordType> s = new LinkedHashSet<>();
        for (String n : list.split(",")) {
            String name = n.trim();
            if (name.isEmpty()) {
                continue;
            }
            // a record type or a protocol of the registry (docs/protocols.md: OSPF selects OSPFv2)
            RecordType t = Protocols.recordType(name)
                    .or(() -> RecordType.byName(name.replace("/", "")))
                    .orElse(null);
            if (t == null) {
                throw new InvalidDecoderException(name);
            }
            s.add(t);
        }
        return s;
    }
}
