package io.netcap.bench.layer;

import io.netcap.decoder.DecodeOptions;
import io.netcap.decoder.LayerPipeline;
import io.netcap.decoder.Protocols;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.LayerParser;
import io.netcap.packet.source.PacketSource;
import io.netcap.packet.source.PacketSources;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-packet layer records of a real capture, without the engine around them: the first packets of a
 * capture are read into memory, then parsed, and parsed and decoded into wire records, in rounds; each round
 * prints the thread CPU per packet of parsing and of the records (the second pass minus the first). Run it with
 * the capture's JVM flags (C1 only), as BENCHMARKS.md does:
 *
 * <pre>
 * java -XX:+UseCompactObjectHeaders -XX:TieredStopAtLevel=1 -XX:+UseParallelGC -Xmx3g \
 *   -cp netcap-bench/target/benchmarks.jar io.netcap.bench.layer.RecordLoop CAPTURE [PACKETS [ROUNDS]]
 * </pre>
 */
public final class RecordLoop {
    private RecordLoop() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: RecordLoop CAPTURE [PACKETS [ROUNDS]]");
            System.exit(2);
        }
        int max = args.length > 1 ? Integer.parseInt(args[1]) : 400_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        List<Packet> packets = new ArrayList<>();
        try (PacketSource s = PacketSources.open(Path.of(args[0]))) {
            Packet p;
            while (packets.size() < max && (p = s.next()) != null) {
                packets.add(p.copy()); // the source reuses its buffer
            }
        }
        LayerParser parser = new LayerParser(Protocols.routes(), false);
        LayerPipeline records = new LayerPipeline(Protocols.layerTypes(), DecodeOptions.defaults());
        LayerBench.Chunk chunk = new LayerBench.Chunk(false);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long layers = 0;
        for (int round = 1; round <= rounds; round++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            for (Packet p : packets) {
                layers += parser.parse(p).count();
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            for (Packet p : packets) {
                records.decode(parser.parse(p), m -> {}, chunk);
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            double n = packets.size();
            System.out.printf("round %d: parse %.1f ns/packet, records %.1f ns/packet%n", round, (t1 - t0) / n,
                    ((t2 - t1) - (t1 - t0)) / n);
        }
        System.out.printf("%d packets, %d layers parsed, %d bytes in the last chunk%n", packets.size(), layers, chunk.fill);
    }
}
