package io.netcap.engine;

import io.netcap.decoder.flow.PacketFacts;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.LayerParser;
import io.netcap.packet.layer.Layers;

/**
 * One packet parsed once: its layers and the flow facts derived from them. With several workers the
 * reader thread parses (it needs the facts for the shard key) and the instance travels to the worker in
 * the packet's batch slot; with one worker the worker parses. Either way the layer records, the
 * application records, the Connection key and the shard key come from one parse, so they cannot
 * disagree (a separate mini-parser for the shard key could, and did).
 */
final class ParsedPacket {
    final Layers layers = new Layers();
    final PacketFacts facts = new PacketFacts();

    ParsedPacket parse(LayerParser parser, Packet p) {
        facts.fill(parser.parse(p, layers));
        return this;
    }
}
