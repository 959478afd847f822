package io.netcap.decoder;

import com.google.protobuf.Message;
import io.netcap.decoder.Protocols.Decoder;
import io.netcap.decoder.Protocols.Protocol;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.LayerKind;
import io.netcap.packet.layer.LayerParser;
import io.netcap.packet.layer.Layers;
import io.netcap.packet.layer.ParseError;
import io.netcap.types.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The per-worker facade over layer parsing and layer decoding: one call per packet parses it once (or
 * takes the layers it was parsed into already), computes the payload entropies needed (one pass, with
 * the entropy option), and hands the record of every layer that has an enabled decoder to the consumer, in layer order. Malformed packets are
 * counted in {@link #errors()} by {@link ParseError.Kind}; the layers before the defect still
 * produce records. Not thread-safe: one pipeline per worker.
 */
public final class LayerPipeline {
    private static final LayerDecoder[] NONE = new LayerDecoder[0];
    private static final int KINDS = LayerKind.values().length;

    private final LayerParser parser;
    private final ErrorCounts errors = new ErrorCounts();
    private final DecoderTimes.Sampler timing = new DecoderTimes.Sampler();
    private final DecodeContext ctx;
    private final LayerDecoder[][] byKind = new LayerDecoder[KINDS][];
    /** Per decoder of {@link #byKind}: the decoder as a {@link WireLayerDecoder}, or null when it builds messages. */
    private final WireLayerDecoder[][] writers = new WireLayerDecoder[KINDS][];
    /** Per decoder of {@link #byKind}: its record type, asked once (an interface call per record under C1). */
    private final RecordType[][] types = new RecordType[KINDS][];
    /** Kinds whose enabled record carries PayloadEntropy. */
    private final boolean[] entropyKind = new boolean[KINDS];
    private final boolean anyEntropy;
    private final PayloadEntropy entropy = new PayloadEntropy();
    private final boolean[] wanted = new boolean[Layers.MAX_LAYERS];
    private final WireWriter record = new WireWriter();

    /** A pipeline with the layer decoders of the {@link Protocols} registry whose type is in {@code enabled}. */
    public LayerPipeline(Set<RecordType> enabled, DecodeOptions options) {
        this(Protocols.all(), enabled, options);
    }

    /** A pipeline with the layer decoders of {@code registry} whose type is in {@code enabled}; routes from {@link Protocols}. */
    public LayerPipeline(List<Protocol> registry, Set<RecordType> enabled, DecodeOptions options) {
        parser = new LayerParser(Protocols.routes(), options.datagrams());
        ctx = new DecodeContext(options, errors);
        List<List<LayerDecoder>> lists = new ArrayList<>();
        for (int k = 0; k < KINDS; k++) {
            lists.add(new ArrayList<>());
        }
        for (Protocol p : registry) {
            if (p.decoder() instanceof Decoder.Layer layer && p.types().stream().anyMatch(enabled::contains)) {
                lists.get(p.kind().ordinal()).add(layer.factory().get());
            }
        }
        boolean any = false;
        for (int k = 0; k < KINDS; k++) {
            byKind[k] = lists.get(k).isEmpty() ? NONE : lists.get(k).toArray(NONE);
            writers[k] = new WireLayerDecoder[byKind[k].length];
            types[k] = new RecordType[byKind[k].length];
            for (int j = 0; j < byKind[k].length; j++) {
                writers[k][j] = byKind[k][j] instanceof WireLayerDecoder w ? w : null;
                types[k][j] = byKind[k][j].type();
            }
        }
        for (LayerKind k : new LayerKind[] {LayerKind.ETHERNET, LayerKind.IPV4, LayerKind.IPV6, LayerKind.TCP, LayerKind.UDP}) {
            boolean on = options.entropy() && byKind[k.ordinal()].length > 0;
            entropyKind[k.ordinal()] = on;
            any |= on;
        }
        anyEntropy = any;
    }

    /**
     * Parses the packet and emits its records as messages (those of {@link WireLayerDecoder}s parsed back).
     *
     * @return the parsed layers (valid until the next call), with {@link Layers#error()} for a malformed packet
     */
    public Layers decode(Packet packet, Consumer<? super Message> out) {
        return decode(packet, out, null);
    }

    /**
     * Parses the packet and emits its records, in layer order: those of {@link WireLayerDecoder}s as wire
     * bytes to {@code wire} (when not null), the others as messages to {@code out}.
     */
    public Layers decode(Packet packet, Consumer<? super Message> out, WireSink wire) {
        return decode(parser.parse(packet), out, wire);
    }

    /**
     * Emits the records of a packet parsed already (the engine's worker parses once and derives records,
     * application layers and flow facts from the same layers), like {@link #decode(Packet, Consumer, WireSink)}.
     */
    public Layers decode(Layers layers, Consumer<? super Message> out, WireSink wire) {
        Packet packet = layers.packet();
        ParseError error = layers.error();
        if (error != null) {
            errors.count(error);
        }
        ctx.reset(layers, packet);
        int n = layers.count();
        if (anyEntropy) {
            boolean some = false;
            for (int i = 0; i < n; i++) {
                wanted[i] = entropyKind[layers.kind(i).ordinal()];
                some |= wanted[i];
            }
            if (some) {
                entropy.compute(layers, wanted, ctx.entropies());
            }
        }
        boolean timed = timing.next();
        for (int i = 0; i < n; i++) {
            int kind = layers.kind(i).ordinal();
            LayerDecoder[] decoders = byKind[kind];
            WireLayerDecoder[] wireDecoders = writers[kind];
            RecordType[] recordTypes = types[kind];
            for (int j = 0; j < decoders.length; j++) {
                LayerDecoder d = decoders[j];
                WireLayerDecoder w = wire != null ? wireDecoders[j] : null;
                RecordType type = recordTypes[j];
                Message m = null;
                long started = timed ? System.nanoTime() : 0;
                try {
                    if (w != null) {
                        wire.open(type, record);
                        w.write(layers, i, packet, ctx, record);
                    } else {
                        m = d.decode(layers, i, packet, ctx);
                    }
                } catch (RuntimeException e) {
                    // A decoder bug must not stop the run: count it like malformed input.
                    errors.decoderFailure(layers.kind(i), e);
                    continue;
                }
                if (timed) {
                    DecoderTimes.record(DecoderTimes.Kind.LAYER, type.fileName(), System.nanoTime() - started);
                }
                // Handed on outside the try: a failing consumer (writer) is not a decoder failure.
                if (w != null) {
                    wire.close(type, record);
                } else if (m != null) {
                    out.accept(m);
                }
            }
        }
        return layers;
    }

    /** Whether some enabled decoder consumes layers of this kind. */
    public boolean decodes(LayerKind kind) {
        return byKind[kind.ordinal()].length > 0;
    }

    public ErrorCounts errors() {
        return errors;
    }

    public LayerParser parser() {
        return parser;
    }
}
