package io.netcap.bench.layer;

import io.netcap.decoder.DecodeOptions;
import io.netcap.decoder.LayerPipeline;
import io.netcap.decoder.Protocols;
import io.netcap.decoder.WireSink;
import io.netcap.decoder.WireWriter;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.LayerParser;
import io.netcap.packet.source.PacketSource;
import io.netcap.packet.source.PacketSources;
import io.netcap.types.RecordType;
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

    /** A worker's chunk buffer as the engine's sink keeps it, restarted instead of shipped when nearly full. */
    private static final class Chunk implements WireSink {
        final byte[] data = new byte[64 << 10];
        int fill;

        @Override
        public void accept(RecordType type, byte[] record, int length) {
            if (data.length - fill < length + 5) {
                fill = 0;
            }
            int p = fill;
            int v = length;
            while ((v & ~0x7F) != 0) {
                data[p++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            data[p++] = (byte) v;
            System.arraycopy(record, 0, data, p, length);
            fill = p + length;
        }

        @Override
        public void open(RecordType type, WireWriter out) {
            if (data.length - fill < 512) {
                fill = 0;
            }
            out.into(data, fill);
        }

        @Override
        public void close(RecordType type, WireWriter out) {
            int end = out.finishInto();
            if (end < 0) {
                accept(type, out.buffer(), out.length());
            } else {
                fill = end;
            }
        }
    }

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
        Chunk chunk = new Chunk();
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
