package io.netcap.engine;

import com.google.protobuf.Message;
import io.netcap.decoder.AppDecoding;
import io.netcap.decoder.DecodeOptions;
import io.netcap.decoder.LayerPipeline;
import io.netcap.decoder.WireSink;
import io.netcap.decoder.flow.PacketFacts;
import io.netcap.engine.config.CaptureConfig;
import io.netcap.packet.layer.LayerKind;
import io.netcap.packet.layer.Layers;
import io.netcap.packet.layer.ParseError;
import io.netcap.types.RecordType;
import java.util.function.Consumer;

/**
 * A worker's records of each packet: the layer records through the {@link LayerPipeline} facade (one
 * record per decoded layer, parse errors counted by kind), the application records through
 * {@link AppDecoding}, and layers without decoder reported as unknown (docs/engine.md).
 */
public final class RecordDecoding implements PacketDecoding {
    private final LayerPipeline pipeline;
    private final AppDecoding apps;
    private final Router router = new Router();

    public RecordDecoding(CaptureConfig c) {
        DecodeOptions options = new DecodeOptions(c.payload(), c.entropy(), c.context(), c.datagrams());
        pipeline = new LayerPipeline(c.recordTypes(), options);
        apps = new AppDecoding(c.recordTypes(), options, c.streams().reassemble());
    }

    /**
     * Routes a message to the sink under its record type (the pipeline emits bare messages); records the
     * pipeline or the application decoders (SIP, DNS) wrote in wire format go straight into the worker's
     * chunk buffers, through the one method that {@link WireSink} and {@link AppDecoding.Sink} share;
     * other application records and their errors go to the packet's sink and outcome (one adapter per
     * worker, none per packet).
     */
    private static final class Router implements Consumer<Message>, WireSink, AppDecoding.Sink, AppDecoding.Errors {
        RecordSink sink;
        PacketOutcome outcome;

        @Override
        public void accept(RecordType type, Message record) {
            sink.accept(type, record);
        }

        @Override
        public void error(String kind, String message) {
            outcome.error(kind, message);
        }

        @Override
        public void accept(RecordType type, byte[] record, int length) {
            if (sink instanceof ChunkedSink chunks) {
                chunks.acceptSerialized(type, record, length);
            } else {
                AppDecoding.Sink.super.accept(type, record, length); // parsed back, then to accept(type, Message)
            }
        }

        @Override
        public void accept(Message m) {
            RecordType t = AppDecoding.type(m);
            if (t != null) {
                sink.accept(t, m);
            }
        }
    }

    @Override
    public void decode(Layers layers, PacketFacts facts, RecordSink sink, PacketOutcome outcome) {
        router.sink = sink;
        router.outcome = outcome;
        long failuresBefore = pipeline.errors().decoderFailures();
        // The worker's chunks take the wire records directly; another sink gets them parsed, through the router.
        pipeline.decode(layers, router, sink instanceof ChunkedSink chunks ? chunks : router);
        ParseError error = layers.error();
        if (error != null) {
            outcome.error(error.kind().name(), error.toString());
        }
        if (pipeline.errors().decoderFailures() != failuresBefore) {
            outcome.error(pipeline.errors().lastFailureKind(), pipeline.errors().lastFailure());
        }
        apps.decode(layers, layers.packet().timestampNanos(), facts, router, router);
        int n = layers.count();
        for (int i = 0; i < n; i++) {
            LayerKind k = layers.kind(i);
            if (k == LayerKind.PAYLOAD) {
                continue;
            }
            if (k == LayerKind.UNKNOWN) {
                outcome.unknown(k.layerName());
                break; // an unknown layer ends layer iteration in the original
            }
            if (!apps.decodes(k) && !pipeline.decodes(k)) {
                outcome.unknown(k.layerName());
            }
        }
    }
}
