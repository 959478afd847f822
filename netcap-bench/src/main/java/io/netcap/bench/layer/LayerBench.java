package io.netcap.bench.layer;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeOptions;
import io.netcap.decoder.LayerPipeline;
import io.netcap.decoder.Protocols;
import io.netcap.decoder.WireSink;
import io.netcap.decoder.WireWriter;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.LayerParser;
import io.netcap.packet.layer.Layers;
import io.netcap.types.RecordType;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Nanoseconds per packet for layer parsing alone and for parsing plus building the link, network and
 * transport records (wire format as the capture engine writes them, or messages parsed back from it), on an Ethernet/IPv4/TCP segment with timestamps and 512 data
 * bytes and an Ethernet/IPv6/UDP DNS-sized datagram.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class LayerBench {
    private Packet ipv4Tcp;
    private Packet ipv6Udp;
    private LayerParser parser;
    private LayerPipeline records;
    private LayerPipeline recordsEntropy;

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Setup
    public void setup() {
        byte[] data = new byte[512];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        byte[] tcpHeaders = hex("3c2c30a1b2c3 001122334455 0800"
                + String.format("4500 %04x 1c46 4000 4006 0000 c0a80001 c0a800c7", 20 + 32 + data.length)
                + "c350 01bb 8000000f 0000abcd 8018 01f5 0000 0000 0101080a 00bc614e 0001e240");
        byte[] tcp = new byte[tcpHeaders.length + data.length];
        System.arraycopy(tcpHeaders, 0, tcp, 0, tcpHeaders.length);
        System.arraycopy(data, 0, tcp, tcpHeaders.length, data.length);
        ipv4Tcp = Packet.of(1_700_000_000_000_000_000L, tcp.length, 1, tcp);
        byte[] udp = hex("3c2c30a1b2c3 001122334455 86dd"
                + "6000 0000 002f 1140 20010db8000000000000000000000001 20010db8000000000000000000000035"
                + "d431 0035 002f 0000"
                + "abcd 0100 0001 0000 0000 0000 07 6578616d706c65 03 636f6d 00 0001 0001 0000 0000 0000 0000 0000");
        ipv6Udp = Packet.of(1_700_000_000_000_000_000L, udp.length, 1, udp);
        parser = new LayerParser(Protocols.routes(), false);
        records = new LayerPipeline(Protocols.layerTypes(), DecodeOptions.defaults());
        recordsEntropy = new LayerPipeline(Protocols.layerTypes(), DecodeOptions.defaults().withEntropy(true));
    }

    @Benchmark
    public int parseEthernetIpv4Tcp() {
        Layers l = parser.parse(ipv4Tcp);
        return l.count();
    }

    @Benchmark
    public int parseEthernetIpv6Udp() {
        Layers l = parser.parse(ipv6Udp);
        return l.count();
    }

    @Benchmark
    public void recordsEthernetIpv4Tcp(Blackhole bh) {
        records.decode(ipv4Tcp, (Message m) -> bh.consume(m));
    }

    @Benchmark
    public void recordsEthernetIpv6Udp(Blackhole bh) {
        records.decode(ipv6Udp, (Message m) -> bh.consume(m));
    }

    @Benchmark
    public void recordsWithEntropyEthernetIpv4Tcp(Blackhole bh) {
        recordsEntropy.decode(ipv4Tcp, (Message m) -> bh.consume(m));
    }

    /** The capture engine's path: the per-packet records written straight in wire format. */
    @Benchmark
    public void wireEthernetIpv4Tcp(Blackhole bh) {
        records.decode(ipv4Tcp, (Message m) -> bh.consume(m), (type, record, length) -> bh.consume(length));
    }

    @Benchmark
    public void wireEthernetIpv6Udp(Blackhole bh) {
        records.decode(ipv6Udp, (Message m) -> bh.consume(m), (type, record, length) -> bh.consume(length));
    }

    @Benchmark
    public void recordsSerializedEthernetIpv4Tcp(Blackhole bh) {
        records.decode(ipv4Tcp, (Message m) -> bh.consume(m.toByteArray()));
    }

    /**
     * A worker's chunk buffer: the records with their length prefix, one after the other, as the engine's
     * sink keeps them (the chunk restarts when nearly full instead of being shipped).
     */
    static final class Chunk implements WireSink {
        final byte[] data = new byte[64 * 1024];
        int fill;
        /** Copies each record in, as the sink did before records were written into the chunk directly. */
        final boolean copy;

        Chunk(boolean copy) {
            this.copy = copy;
        }

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
            if (copy) {
                out.reset();
                return;
            }
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

    private final Chunk copied = new Chunk(true);
    private final Chunk direct = new Chunk(false);

    /** Wire records copied into a chunk buffer after encoding. */
    @Benchmark
    public int wireCopiedToChunkEthernetIpv4Tcp(Blackhole bh) {
        records.decode(ipv4Tcp, (Message m) -> bh.consume(m), copied);
        return copied.fill;
    }

    /** Wire records written into the chunk buffer directly, length prefix in place. */
    @Benchmark
    public int wireIntoChunkEthernetIpv4Tcp(Blackhole bh) {
        records.decode(ipv4Tcp, (Message m) -> bh.consume(m), direct);
        return direct.fill;
    }
}
