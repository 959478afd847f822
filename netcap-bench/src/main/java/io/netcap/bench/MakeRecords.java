package io.netcap.bench;

import io.netcap.io.RecordWriter;
import io.netcap.io.WriterOptions;
import io.netcap.types.RecordType;
import io.netcap.types.TCP;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a large {@code TCP.ncap.gz} of plausible TCP records for benchmarking {@code net dump}:
 * {@code java -cp benchmarks.jar io.netcap.bench.MakeRecords <dir> <megabytes>}. Values vary enough
 * (addresses, ports, sequence numbers, entropy) that gzip cannot shrink the file to nothing.
 */
public final class MakeRecords {
    private MakeRecords() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        long targetBytes = (args.length > 1 ? Long.parseLong(args[1]) : 1100) * 1_000_000L;
        Files.createDirectories(dir);
        var rnd = new SplittableRandom(42);
        long ts = 1_600_000_000_000_000_000L;
        long n = 0;
        try (var w = RecordWriter.create(dir, RecordType.TCP, WriterOptions.defaults("synthetic").withGzipLevel(6))) {
            while (true) {
                ts += rnd.nextInt(1, 5_000) * 1000L;
                int payload = rnd.nextInt(0, 1460);
                var r = TCP.newBuilder()
                        .setTimestamp(ts)
                        .setSrcPort(rnd.nextInt(1, 65536)).setDstPort(rnd.nextBoolean() ? 443 : rnd.nextInt(1, 65536))
                        .setSeqNum(rnd.nextInt()).setAckNum(rnd.nextInt())
                        .setDataOffset(rnd.nextBoolean() ? 5 : 8)
                        .setACK(true).setPSH(payload > 0).setSYN(rnd.nextInt(50) == 0).setFIN(rnd.nextInt(50) == 0)
                        .setWindow(rnd.nextInt(0, 65536)).setChecksum(rnd.nextInt(0, 65536))
                        .setPayloadEntropy(payload == 0 ? 0 : 4 + rnd.nextDouble() * 4).setPayloadSize(payload)
                        .setSrcIP("10." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(1, 255))
                        .setDstIP("192.168." + rnd.nextInt(256) + "." + rnd.nextInt(1, 255))
                        .build();
                w.write(r);
                if (++n % 1_000_000 == 0) {
                    w.flush();
                    long size = Files.size(w.path());
                    System.err.printf("%d records, %d MB%n", n, size / 1_000_000);
                    if (size >= targetBytes) {
                        break;
                    }
                }
            }
            System.out.println(w.path() + " " + n + " records");
        }
    }
}
