package io.netcap.engine;

/** Chooses what decodes the layers of each packet: the layer pipeline, one per worker. */
public final class Decoders {
    private Decoders() {}

    public static PacketDecoding.Factory factory() {
        return LayerDecoding::new;
    }
}
