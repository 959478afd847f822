package io.netcap.engine;

import com.google.protobuf.Message;
import io.netcap.decoder.Protocols;
import io.netcap.decoder.WireSink;
import io.netcap.decoder.flow.PacketFacts;
import io.netcap.decoder.stream.EncryptedSessions;
import io.netcap.decoder.stream.StreamShared;
import io.netcap.decoder.stream.files.FileExtraction;
import io.netcap.decoder.stream.ftp.FtpDataChannels;
import io.netcap.decoder.stream.software.SoftwareStore;
import io.netcap.engine.config.StreamConfig;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.LayerParser;
import io.netcap.packet.layer.Layers;
import io.netcap.packet.source.PacketSource;
import io.netcap.packet.source.PacketSources;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The stream layer as one worker runs it (docs/streams.md, "In the engine"): one operation takes every packet of
 * a capture, held in memory, through the layer parser and the flow facts ({@code layers}), and then also through
 * a fresh {@link StreamLayer} with every stream decoder, the credential harvesting and the Software table, ending
 * its conversations at the end ({@code streams}). The difference of the two packets/s rates is the stream layer's
 * cost per packet, without the packet records, the reader and the writers that `net capture` adds (bench/run.sh).
 * Records go to a black hole: HTTP's as the wire bytes the engine writes, the others as messages, unserialised.
 * Each operation starts with fresh tables (Software, credentials), as a capture does once: on a capture of a few
 * conversations their first sightings weigh more than in a long run ({@code empty} measures the layer's making).
 *
 * <p>In the package of {@link StreamLayer}, which the engine keeps to itself. Input: {@code -Dnetcap.bench.streams=
 * FILE} (default: the bundled {@code samples/http-get-gzip.pcap}, one HTTP exchange; a corpus capture such as
 * {@code chrissanders-packets__http_espn.pcapng} says more), e.g.
 * {@code java -Dnetcap.bench.streams=F -jar netcap-bench/target/benchmarks.jar StreamLayerBench
 * -jvmArgsAppend -Dnetcap.bench.streams=F}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-XX:TieredStopAtLevel=1", "-XX:+UseCompactObjectHeaders"}) // as `net capture` runs
public class StreamLayerBench {
    private final List<Packet> packets = new ArrayList<>();
    private final LayerParser parser = new LayerParser(Protocols.routes(), false);
    private final PacketFacts facts = new PacketFacts();

    /** Packets handed through, which JMH reports as a rate next to captures/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long packets;

        @Setup(Level.Iteration)
        public void reset() {
            packets = 0;
        }
    }

    /** A record sink of both kinds, HTTP's wire bytes and the others' messages, that only counts. */
    private static final class Discard implements RecordSink, WireSink {
        final Blackhole hole;

        Discard(Blackhole hole) {
            this.hole = hole;
        }

        @Override
        public void accept(RecordType type, Message record) {
            hole.consume(record);
        }

        @Override
        public void accept(RecordType type, byte[] record, int length) {
            hole.consume(length);
        }
    }

    @Setup
    public void load() throws IOException {
        Path file = Path.of(System.getProperty("netcap.bench.streams", "samples/http-get-gzip.pcap"));
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("no capture " + file.toAbsolutePath() + ": set -Dnetcap.bench.streams=FILE");
        }
        try (PacketSource source = PacketSources.open(file)) {
            Packet p;
            while ((p = source.next()) != null) {
                packets.add(p.copy());
            }
        }
    }

    @Benchmark
    public void layers(Counters counters, Blackhole hole) {
        for (Packet p : packets) {
            Layers l = parser.parse(p);
            hole.consume(facts.fill(l));
        }
        counters.packets += packets.size();
    }

    @Benchmark
    public void streams(Counters counters, Blackhole hole) {
        StreamLayer layer = layer(hole);
        for (Packet p : packets) {
            Layers l = parser.parse(p);
            layer.handle(l, facts.fill(l));
        }
        layer.finish();
        counters.packets += packets.size();
    }

    /** A layer made and finished without packets: the fixed part of {@code streams}, once per worker in a capture. */
    @Benchmark
    public void empty(Blackhole hole) {
        layer(hole).finish();
    }

    private static StreamLayer layer(Blackhole hole) {
        StreamConfig config = StreamConfig.defaults();
        EnumSet<RecordType> types = EnumSet.allOf(RecordType.class);
        return new StreamLayer(config, StreamLayer.enabled(types, false), true, 0, 1, new Discard(hole),
                FileExtraction.OFF, null, (kind, conversation, message) -> hole.consume(kind),
                (worker, packet) -> hole.consume(packet),
                new StreamShared(new FtpDataChannels(), new SoftwareStore(SoftwareStore.DEFAULT_CAP, () -> null),
                        StreamLayer.credentials(config, types), null, new EncryptedSessions(), null, null));
    }
}
