package io.netcap.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Writes the hostile captures of the stream layer's stress runs ({@code bench/stress.sh}):
 * <ul>
 *   <li>{@code synflood N OUT}: N SYNs from distinct client address/port pairs to one server, each a half-open
 *       connection the reassembler must hold or evict;</li>
 *   <li>{@code download BYTES OUT}: one HTTP/1.1 GET whose response body is BYTES of seeded random data in
 *       1460-byte segments; prints the body's MD5, which the extracted file must have.</li>
 * </ul>
 * Ethernet / IPv4 / TCP in a classic pcap; checksums are zero (the reassembly does not check them).
 */
public final class StressCaptures {
    private static final int MSS = 1460;
    private final OutputStream out;
    private final ByteBuffer frame = ByteBuffer.allocate(14 + 20 + 20 + MSS).order(ByteOrder.BIG_ENDIAN);
    private final ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    private long tsMicros = 1_700_000_000_000_000L;

    private StressCaptures(OutputStream out) throws IOException {
        this.out = out;
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        out.write(h.array());
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: StressCaptures synflood N OUT | download BYTES OUT");
            System.exit(2);
        }
        long n = Long.parseLong(args[1]);
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(Path.of(args[2])), 1 << 20)) {
            StressCaptures c = new StressCaptures(os);
            switch (args[0]) {
                case "synflood" -> c.synFlood(n);
                case "download" -> System.out.println(c.download(n));
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
    }

    private void synFlood(long n) throws IOException {
        int server = 0x0a000001;
        for (long i = 0; i < n; i++) {
            int client = 0x0b000000 | (int) (i >>> 14);
            int port = 1024 + (int) (i & 0x3fff);
            packet(client, port, server, 80, (int) (i * 7919), 0, 0x02, null, 0, 0);
        }
    }

    /** Writes the download and returns the MD5 of its body. */
    private String download(long bytes) throws Exception {
        int client = 0x0a000002;
        int server = 0x0a000001;
        int cport = 40000;
        int cseq = 1000;
        int sseq = 5000;
        packet(client, cport, server, 80, cseq, 0, 0x02, null, 0, 0);
        packet(server, 80, client, cport, sseq, cseq + 1, 0x12, null, 0, 0);
        cseq++;
        sseq++;
        packet(client, cport, server, 80, cseq, sseq, 0x10, null, 0, 0);
        byte[] get = "GET /big.bin HTTP/1.1\r\nHost: stress.test\r\nUser-Agent: stress\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        packet(client, cport, server, 80, cseq, sseq, 0x18, get, 0, get.length);
        cseq += get.length;
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + bytes
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        packet(server, 80, client, cport, sseq, cseq, 0x18, head, 0, head.length);
        sseq += head.length;
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        SplittableRandom rnd = new SplittableRandom(7);
        byte[] seg = new byte[MSS];
        long sent = 0;
        long acks = 0;
        while (sent < bytes) {
            int len = (int) Math.min(MSS, bytes - sent);
            for (int i = 0; i < len; i += 8) {
                long v = rnd.nextLong();
                for (int k = 0; k < 8 && i + k < len; k++) {
                    seg[i + k] = (byte) (v >>> (8 * k));
                }
            }
            md5.update(seg, 0, len);
            packet(server, 80, client, cport, sseq, cseq, 0x10, seg, 0, len);
            sseq += len;
            sent += len;
            if (++acks % 2 == 0) {
                packet(client, cport, server, 80, cseq, sseq, 0x10, null, 0, 0);
            }
        }
        packet(server, 80, client, cport, sseq, cseq, 0x11, null, 0, 0);
        packet(client, cport, server, 80, cseq, sseq + 1, 0x11, null, 0, 0);
        packet(server, 80, client, cport, sseq + 1, cseq + 1, 0x10, null, 0, 0);
        return HexFormat.of().formatHex(md5.digest());
    }

    private void packet(int src, int sport, int dst, int dport, int seq, int ack, int flags, byte[] payload, int off,
                        int len) throws IOException {
        tsMicros += 10;
        frame.clear();
        frame.put(new byte[] {0, 0, 0, 0, 0, 2}).put(new byte[] {0, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
        frame.put((byte) 0x45).put((byte) 0).putShort((short) (40 + len)).putShort((short) 0).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0).putInt(src).putInt(dst);
        frame.putShort((short) sport).putShort((short) dport).putInt(seq).putInt(ack).put((byte) 0x50)
                .put((byte) flags).putShort((short) 65535).putShort((short) 0).putShort((short) 0);
        if (len > 0) {
            frame.put(payload, off, len);
        }
        int n = frame.position();
        record.clear();
        record.putInt((int) (tsMicros / 1_000_000)).putInt((int) (tsMicros % 1_000_000)).putInt(n).putInt(n);
        out.write(record.array());
        out.write(frame.array(), 0, n);
    }
}
