package io.netcap.engine;

import io.netcap.decoder.flow.PacketFacts;
import io.netcap.packet.layer.Layers;

/**
 * Turns packets into records for one worker (layer decoders, packet decoders and what else runs per
 * packet). Instances are confined to their worker thread.
 */
public interface PacketDecoding {
    /**
     * Decodes one packet, given as the layers it was parsed into and the flow facts derived from them
     * (the packet is {@link Layers#packet()}). Never throws for malformed input: that is reported to
     * {@code outcome}.
     */
    void decode(Layers layers, PacketFacts facts, RecordSink sink, PacketOutcome outcome);

    /** De-initialisation at shutdown: emit what is still held. */
    default void finish(RecordSink sink) {}

    /** Creates one instance per worker. */
    @FunctionalInterface
    interface Factory {
        PacketDecoding create(io.netcap.engine.config.CaptureConfig config);
    }
}
