package io.netcap.packet.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens capture files. The format is found by the file's magic number, whatever its name; a gzip
 * file is decompressed on the fly and its content detected the same way.
 */
public final class PacketSources {
    private PacketSources() {}

    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    private static final int GZIP_BUFFER = 1 << 16;

    /**
     * Opens a pcap or pcapng file (optionally gzip-compressed).
     *
     * @throws IOException when the file cannot be read or is neither pcap nor pcapng
     */
    public static PacketSource open(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            // a pipe or device cannot be mapped
            return open(Files.newInputStream(file), name);
        }
        MappedFileInputStream mapped = MappedFileInputStream.open(file);
        try {
            if (mapped.peek(0) == GZIP_MAGIC_0 && mapped.peek(1) == GZIP_MAGIC_1) {
                return detect(new CaptureInput(new GZIPInputStream(mapped, GZIP_BUFFER)), name + " (gzip)");
            }
            return detect(new CaptureInput(mapped), name);
        } catch (IOException | RuntimeException e) {
            mapped.close();
            throw e;
        }
    }

    /**
     * Opens a capture file and passes on only the packets that match a BPF expression, compiled by
     * libpcap for each link type met.
     *
     * @throws IOException when the file cannot be read, libpcap is missing or the filter does not compile
     */
    public static PacketSource open(Path file, String bpf) throws IOException {
        return filter(open(file), bpf);
    }

    /**
     * libpcap's reason when {@code bpf} is no filter expression at all (a syntax error), for any capture; null when
     * it is one, or when libpcap is missing (opening a filtered source says so).
     */
    public static String filterSyntaxError(String bpf) {
        return bpf == null || bpf.isBlank() ? null : BpfProgram.syntaxError(bpf);
    }

    /**
     * Passes on only the packets of {@code source} that match a BPF expression (all for an empty one); the
     * source is closed when the filter does not compile.
     */
    public static PacketSource filter(PacketSource source, String bpf) throws IOException {
        if (bpf == null || bpf.isBlank()) {
            return source;
        }
        try {
            return new FilteredSource(source, bpf);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /**
     * Reads a capture from a stream (closed with the source); {@code name} is used in descriptions.
     *
     * @throws IOException when the stream fails or holds neither pcap nor pcapng
     */
    public static PacketSource open(InputStream stream, String name) throws IOException {
        InputStream in = stream;
        try {
            BufferedInputStream peek = new BufferedInputStream(in, GZIP_BUFFER);
            in = peek;
            peek.mark(2);
            int b0 = peek.read();
            int b1 = peek.read();
            peek.reset();
            if (b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1) {
                in = new GZIPInputStream(peek, GZIP_BUFFER);
                name = name + " (gzip)";
            }
            CaptureInput input = new CaptureInput(in);
            return detect(input, name);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Counts the packets of a capture file (the original's pass before decoding, which gives the
     * progress percentage). Damage ends the count where reading ends.
     */
    public static long countPackets(Path file) throws IOException {
        try (PacketSource source = open(file)) {
            while (source.next() != null) {
                // counting only
            }
            return source.packetsRead();
        }
    }

    /** Reads a capture held in memory (for tests and fuzzing). */
    public static PacketSource open(byte[] capture, String name) throws IOException {
        return open(new java.io.ByteArrayInputStream(capture), name);
    }

    private static PacketSource detect(CaptureInput input, String name) throws IOException {
        if (!input.require(4)) {
            // Too short to tell: report it as a pcap whose file header is cut short.
            return new PcapReader(input, name);
        }
        int magic = input.rawIntLE(input.pos);
        if (magic == PcapngReader.BT_SHB) {
            return new PcapngReader(input, name);
        }
        for (int m : new int[] {PcapReader.MAGIC_MICROS, PcapReader.MAGIC_NANOS, PcapReader.MAGIC_KUZNETSOV}) {
            if (magic == m || magic == Integer.reverseBytes(m)) {
                return new PcapReader(input, name);
            }
        }
        throw new IOException(String.format("%s: not a pcap or pcapng capture (magic %02x %02x %02x %02x)", name,
                input.buf[input.pos] & 0xff, input.buf[input.pos + 1] & 0xff, input.buf[input.pos + 2] & 0xff,
                input.buf[input.pos + 3] & 0xff));
    }
}
