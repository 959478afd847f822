package io.netcap.decoder;

import com.google.protobuf.Message;
import io.netcap.decoder.Protocols.Decoder;
import io.netcap.decoder.Protocols.Protocol;
import io.netcap.decoder.app.AppDecoder;
import io.netcap.decoder.app.DecoderGuard;
import io.netcap.decoder.app.Dns;
import io.netcap.decoder.app.Modbus;
import io.netcap.decoder.app.Sip;
import io.netcap.decoder.flow.PacketFacts;
import io.netcap.packet.layer.Addresses;
import io.netcap.packet.layer.LayerKind;
import io.netcap.packet.layer.Layers;
import io.netcap.types.DNS;
import io.netcap.types.RecordType;
import io.netcap.types.SIP;
import io.netcap.types.TLSClientHello;
import io.netcap.types.TLSServerHello;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The application decoders of the {@link Protocols} registry for the application layers the parser recognised, and
 * the TLS hello packet decoders for TCP payloads, with the packet context applied to their records
 * ({@link ContextFields#apply(Message, PacketFacts, boolean)}). Runs over the layers that
 * {@link LayerPipeline#decode} returned, so a packet is parsed once for all its records. SIP and DNS
 * records, the most frequent, and Modbus records are written in wire format with the same context fields appended
 * ({@link Sink#accept(RecordType, byte[], int)}); the bytes are the generated serialisation of the
 * message the other path would build.
 */
public final class AppDecoding {
    /** Receives a finished record with its type. */
    @FunctionalInterface
    public interface Sink {
        void accept(RecordType type, Message record);

        /**
         * Receives a record already in protobuf wire format ({@code record[0 .. length)}, valid only during
         * the call), as {@link WireSink} does. The default parses it back for sinks that take messages.
         */
        default void accept(RecordType type, byte[] record, int length) {
            accept(type, WireSink.parse(type, record, length));
        }
    }

    /**
     * Receives an application message that could not be decoded (kind {@code MALFORMED_<protocol>}) or on
     * which a decoder failed ({@code DECODER_FAILURE_<protocol>}), see {@link DecoderGuard}.
     */
    @FunctionalInterface
    public interface Errors {
        void error(String kind, String message);
    }

    /** TLS record content type 22 (handshake), RFC 8446 section 5.1. */
    private static final byte TLS_HANDSHAKE = 0x16;
    /** TLS record header (5 bytes) plus the handshake type byte. */
    private static final int TLS_MIN_HELLO = 6;

    /**
     * Record types by message class (a generated message class is one type): asking a message for its descriptor
     * would build the descriptors of the whole schema, about 20 ms of every capture's start-up.
     */
    private static final Map<Class<?>, RecordType> TYPES = new IdentityHashMap<>();

    static {
        for (RecordType t : RecordType.values()) {
            TYPES.put(t.prototype().getClass(), t);
        }
    }

    /**
     * The registry's application decoders by kind ordinal: consulted for every layer of every packet, where
     * an array index costs less under C1 than a map lookup.
     */
    private static final AppDecoder[] DECODER_OF_KIND = new AppDecoder[LayerKind.values().length];

    static {
        for (Protocol p : Protocols.all()) {
            if (p.decoder() instanceof Decoder.App app) {
                DECODER_OF_KIND[p.kind().ordinal()] = app.decoder();
            }
        }
    }

    /** Field numbers of the context fields that {@link #writeContext} appends to a record. */
    public record ContextFieldNumbers(int srcIp, int dstIp, int srcPort, int dstPort) {}

    private static final ContextFieldNumbers SIP_CONTEXT = new ContextFieldNumbers(SIP.SRCIP_FIELD_NUMBER,
            SIP.DSTIP_FIELD_NUMBER, SIP.SRCPORT_FIELD_NUMBER, SIP.DSTPORT_FIELD_NUMBER);
    public static final ContextFieldNumbers DNS_CONTEXT = new ContextFieldNumbers(DNS.SRCIP_FIELD_NUMBER,
            DNS.DSTIP_FIELD_NUMBER, DNS.SRCPORT_FIELD_NUMBER, DNS.DSTPORT_FIELD_NUMBER);
    public static final ContextFieldNumbers MODBUS_CONTEXT = new ContextFieldNumbers(
            io.netcap.types.Modbus.SRCIP_FIELD_NUMBER, io.netcap.types.Modbus.DSTIP_FIELD_NUMBER,
            io.netcap.types.Modbus.SRCPORT_FIELD_NUMBER, io.netcap.types.Modbus.DSTPORT_FIELD_NUMBER);

    /** By kind ordinal: an application decoder of the kind produces an enabled record type. */
    private final boolean[] enabled = new boolean[LayerKind.values().length];
    private final boolean hellos;
    /** IP profiles are written: the hellos of each packet are decoded for their JA3 and SNI, records or not. */
    private final boolean profileHellos;
    private final boolean context;
    private final AppDecoder.Options udpOptions;
    private final AppDecoder.Options tcpOptions;
    /** The wire bytes of the record being written and the text of one address (at most 39 bytes). */
    private final WireWriter wire = new WireWriter();
    private final byte[] addressText = new byte[48];
    /** Tells rejected input from decoder bugs and reports both as errors. */
    private final DecoderGuard guard = new DecoderGuard();
    private final DecoderTimes.Sampler timing = new DecoderTimes.Sampler();

    /** Application decoding for the protocols with a record type in {@code types}, TLS hellos per packet. */
    public AppDecoding(Set<RecordType> types, DecodeOptions options) {
        this(types, options, false);
    }

    /**
     * Application decoding for the protocols with a record type in {@code types}; with {@code streamHellos}
     * the TLS hellos come from the stream layer (docs/streams.md, "TLS") and are not decoded per packet.
     */
    public AppDecoding(Set<RecordType> types, DecodeOptions options, boolean streamHellos) {
        for (Protocol p : Protocols.all()) {
            if (p.decoder() instanceof Decoder.App) {
                enabled[p.kind().ordinal()] = p.types().stream().anyMatch(types::contains);
            }
        }
        this.hellos = enabled[LayerKind.TLS.ordinal()] && !streamHellos;
        this.profileHellos = types.contains(RecordType.IPProfile);
        this.context = options.context();
        this.udpOptions = new AppDecoder.Options(options.payload(), false);
        this.tcpOptions = new AppDecoder.Options(options.payload(), true);
    }

    /** The record type of a message, or null for a message that is not a record. */
    public static RecordType type(Message m) {
        return TYPES.get(m.getClass());
    }

    /** The guard of the decoders run here: their internal failures so far. */
    public DecoderGuard guard() {
        return guard;
    }

    /** Whether an enabled application decoder consumes layers of this kind. */
    public boolean decodes(LayerKind kind) {
        return enabled[kind.ordinal()];
    }

    /**
     * Emits the application records of one parsed packet, in layer order: every TCP payload (raw or
     * recognised as TLS) is offered to the hello decoders, every application layer to its decoder.
     * An unknown layer ends iteration, as in the original.
     */
    public void decode(Layers layers, long ts, PacketFacts facts, Sink sink, Errors errors) {
        int n = layers.count();
        boolean overTcp = false;
        for (int i = 0; i < n; i++) {
            LayerKind k = layers.kind(i);
            if (k == LayerKind.TCP) {
                overTcp = true;
            }
            if (k == LayerKind.PAYLOAD || k == LayerKind.TLS) {
                if (overTcp) {
                    tcpPayload(layers.buffer(), layers.offset(i), layers.length(i), ts, facts, sink, errors);
                }
                continue;
            }
            if (k == LayerKind.UNKNOWN) {
                return;
            }
            layer(k, layers.buffer(), layers.offset(i), layers.length(i), ts, overTcp, facts, sink, errors);
        }
    }

    /** Decodes application layer {@code kind} spanning {@code buf[off .. off+len)}. */
    private void layer(LayerKind kind, byte[] buf, int off, int len, long ts, boolean overTcp, PacketFacts facts,
                       Sink sink, Errors errors) {
        if (!enabled[kind.ordinal()]) {
            return;
        }
        // SIP, DNS and Modbus records go straight to wire format: building and serialising the message costs more
        // than parsing
        List<Message> records = List.of();
        boolean wired = false;
        boolean timed = timing.next();
        long started = timed ? System.nanoTime() : 0;
        guard.begin();
        try {
            if (kind == LayerKind.SIP) {
                wired = Sip.encode(buf, off, len, ts, wire);
            } else if (kind == LayerKind.DNS) {
                wired = Dns.encode(buf, off, len, ts, overTcp, wire);
            } else if (kind == LayerKind.MODBUS) {
                wired = Modbus.encode(buf, off, len, ts, (overTcp ? tcpOptions : udpOptions).payload(), wire);
            } else {
                records = DECODER_OF_KIND[kind.ordinal()].decode(buf, off, len, ts, overTcp ? tcpOptions : udpOptions);
            }
        } catch (RuntimeException e) {
            guard.failed(kind.name(), e, errors);
            return;
        }
        if (timed) {
            DecoderTimes.record(DecoderTimes.Kind.CUSTOM, kind.layerName(), System.nanoTime() - started);
        }
        guard.end(kind.name(), kind.layerName(), len, wired || !records.isEmpty(), errors);
        if (wired) {
            switch (kind) {
                case SIP -> wireRecord(RecordType.SIP, SIP_CONTEXT, facts, sink);
                case DNS -> wireRecord(RecordType.DNS, DNS_CONTEXT, facts, sink);
                default -> wireRecord(RecordType.Modbus, MODBUS_CONTEXT, facts, sink);
            }
        }
        emit(records, facts, sink);
    }

    /** Offers a TCP payload to the TLS hello packet decoders (docs/original.md, "TLS hellos": any port). */
    private void tcpPayload(byte[] buf, int off, int len, long ts, PacketFacts facts, Sink sink, Errors errors) {
        if (!(hellos || profileHellos) || len < TLS_MIN_HELLO || buf[off] != TLS_HANDSHAKE) {
            return;
        }
        List<Message> records;
        guard.begin();
        try {
            records = DECODER_OF_KIND[LayerKind.TLS.ordinal()].decode(buf, off, len, ts, tcpOptions);
        } catch (RuntimeException e) {
            guard.failed(LayerKind.TLS.name(), e, errors);
            return;
        }
        if (profileHellos) {
            fingerprint(records, facts);
        }
        if (!hellos) {
            return; // the stream layer writes the hello records, and reports what it rejects
        }
        // a handshake that is no hello is not an error: only a hello the decoders rejected is reported
        guard.end(LayerKind.TLS.name(), "TLS", len, true, errors);
        emit(records, facts, sink);
    }

    /** The JA3 of a ClientHello, else the JA3S of a ServerHello, and the ClientHello's server name, for the profiles. */
    private static void fingerprint(List<Message> hellos, PacketFacts facts) {
        for (Message m : hellos) {
            if (m instanceof TLSClientHello c && !c.getJa3().isEmpty()) {
                facts.tlsFingerprint = c.getJa3();
                facts.tlsServerName = c.getSNI();
                return;
            }
            if (facts.tlsFingerprint == null && m instanceof TLSServerHello h && !h.getJa3S().isEmpty()) {
                facts.tlsFingerprint = h.getJa3S(); // unless a ClientHello follows
            }
        }
    }

    /**
     * Appends the packet context to the record in {@link #wire} and hands it on: SrcIP, DstIP, SrcPort and
     * DstPort, the record's last fields, as {@link ContextFields#apply(Message, PacketFacts, boolean)} sets
     * them (empty and zero without context).
     */
    private void wireRecord(RecordType type, ContextFieldNumbers f, PacketFacts facts, Sink sink) {
        writeContext(wire, f, facts, context, addressText);
        sink.accept(type, wire.buffer(), wire.length());
    }

    /**
     * Appends the context fields of {@code facts} to the record in {@code w}, as {@link #wireRecord} does;
     * {@code t} takes the text of one address (48 bytes).
     */
    public static void writeContext(WireWriter w, ContextFieldNumbers f, PacketFacts facts, boolean context, byte[] t) {
        if (context && facts.hasNetwork()) {
            w.bytes(f.srcIp(), t, 0, Addresses.ip(facts.srcIp, 0, facts.ipLength, t, 0));
            w.bytes(f.dstIp(), t, 0, Addresses.ip(facts.dstIp, 0, facts.ipLength, t, 0));
        }
        if (context && facts.hasTransport()) {
            w.int32(f.srcPort(), facts.srcPort);
            w.int32(f.dstPort(), facts.dstPort);
        }
    }

    private void emit(List<Message> records, PacketFacts facts, Sink sink) {
        for (Message m : records) {
            RecordType t = type(m);
            if (t != null) {
                sink.accept(t, ContextFields.apply(m, facts, context));
            }
        }
    }
}
