package io.netcap.engine.config;

import io.netcap.decoder.Protocols;
import io.netcap.decoder.resolve.ResolverConfig;
import io.netcap.io.RecordEncoding;
import io.netcap.types.RecordType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The settings the engine acts on. The command line resolves them from its flags (docs/engine.md, "Flags");
 * the engine parses no flags itself.
 *
 * @param gzipLevel     1..9, or -1 for no compression
 * @param recordTypes   the record types whose decoders run (after -include / -exclude)
 * @param streams       the stream layer: reassembly, UDP conversations, stream decoders, file extraction
 * @param resolvers     the resolvers whose results profiles carry (docs/enrichment.md)
 * @param encoding      the record files: the container (the default), CSV, JSON lines, or none
 * @param blockSize     {@code -compression-block-size}: bytes of records held per type before they are compressed and
 *                      written
 * @param buffered      {@code -buf}: false hands records to their files within about a second (docs/engine.md,
 *                      "Writers")
 */
public record CaptureConfig(String read, String iface, String out, String bpf, int workers, int packetBuffer,
                            boolean compress, int gzipLevel, Set<RecordType> recordTypes, boolean payload,
                            boolean context, boolean entropy, boolean quiet, boolean progress,
                            boolean logErrors, boolean ignoreUnknown, Duration connTimeout,
                            Duration connActiveTimeout, int connFlushInterval, int snaplen, boolean promisc,
                            Duration timeout, boolean datagrams, StreamConfig streams,
                            ResolverConfig resolvers, RecordEncoding encoding, int blockSize, boolean buffered) {

    /** Thrown for a decoder name that does not exist ({@code invalid decoder: <name>}, exit 1). */
    public static final class InvalidDecoderException extends Exception {
        public InvalidDecoderException(String name) {
            super("invalid decoder: " + name);
        }
    }

    /**
     * The record types whose decoders run for comma-separated {@code -include} / {@code -exclude} lists
     * (an empty include list means all); a name that matches no record type is an error.
     */
    public static Set<RecordType> selectDecoders(String include, String exclude) throws InvalidDecoderException {
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
