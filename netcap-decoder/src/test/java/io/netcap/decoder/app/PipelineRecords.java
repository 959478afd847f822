package io.netcap.decoder.app;

import com.google.protobuf.Message;
import io.netcap.decoder.AppDecoding;
import io.netcap.decoder.DecodeOptions;
import io.netcap.decoder.LayerPipeline;
import io.netcap.decoder.flow.PacketFacts;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.Layers;
import io.netcap.packet.source.PacketSource;
import io.netcap.packet.source.PacketSources;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The application records of a capture as the engine produces them: the real capture reader, one
 * {@link LayerPipeline} parse per packet and {@link AppDecoding} over its layers, with the datagrams
 * option on (so Modbus, ENIP/CIP and DNS over TCP are reached, as with {@code -opts datagrams}).
 */
public final class PipelineRecords {
    /** One record and the 1-based number of the frame it came from. */
    public record Framed(int frame, Message record) {}

    /** One error the application decoding reported (e.g. {@code MALFORMED_EAPOL_KEY}) and its frame. */
    public record Reported(int frame, String kind, String message) {}

    private PipelineRecords() {}

    /** The records of every application protocol and of the TLS hellos, in frame order. */
    public static List<Framed> of(Path capture) throws IOException {
        return of(capture, EnumSet.allOf(RecordType.class));
    }

    /** The application records of the protocols with a type in {@code types}, in frame order. */
    public static List<Framed> of(Path capture, Set<RecordType> types) throws IOException {
        List<Framed> out = new ArrayList<>();
        run(capture, types, out, new ArrayList<>());
        return out;
    }

    /** The errors the application decoding of every protocol reports for a capture, in frame order. */
    public static List<Reported> errors(Path capture) throws IOException {
        List<Reported> errors = new ArrayList<>();
        run(capture, EnumSet.allOf(RecordType.class), new ArrayList<>(), errors);
        return errors;
    }

    private static void run(Path capture, Set<RecordType> types, List<Framed> out, List<Reported> errors)
            throws IOException {
        DecodeOptions options = DecodeOptions.defaults().withDatagrams(true);
        // No layer decoders: only the parse is needed; the application records come from AppDecoding.
        LayerPipeline pipeline = new LayerPipeline(Set.of(), options);
        AppDecoding apps = new AppDecoding(types, options);
        PacketFacts facts = new PacketFacts();
        try (PacketSource source = PacketSources.open(capture)) {
            int frame = 0;
            for (Packet p; (p = source.next()) != null; ) {
                int number = ++frame;
                Layers layers = pipeline.decode(p, m -> {});
                facts.fill(layers);
                apps.decode(layers, p.timestampNanos(), facts, (t, m) -> out.add(new Framed(number, m)),
                        (k, m) -> errors.add(new Reported(number, k, m)));
            }
        }
    }
}
