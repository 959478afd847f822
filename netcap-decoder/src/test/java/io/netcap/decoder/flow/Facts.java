package io.netcap.decoder.flow;

import io.netcap.decoder.Protocols;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.LayerParser;

/** The facts of a packet as a worker derives them: parsed with the default parser, then filled. */
public final class Facts {
    private static final ThreadLocal<LayerParser> PARSER = ThreadLocal.withInitial(() -> new LayerParser(Protocols.routes(), false));

    private Facts() {}

    public static PacketFacts of(Packet p) {
        return fill(new PacketFacts(), p);
    }

    public static PacketFacts fill(PacketFacts f, Packet p) {
        return f.fill(PARSER.get().parse(p));
    }
}
