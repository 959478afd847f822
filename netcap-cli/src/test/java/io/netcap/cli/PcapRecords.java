package io.netcap.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Splits a classic pcap file into its pieces as written: the 24-byte file header, then one piece per packet record. */
final class PcapRecords {
    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    /** {@code incl_len}: the captured length, after the two timestamp words of a record header. */
    private static final int INCL_LEN = 8;

    private PcapRecords() {}

    static List<byte[]> split(byte[] pcap) {
        ByteBuffer b = ByteBuffer.wrap(pcap);
        // the magic number 0xa1b2c3d4 (or 0xa1b23c4d with nanoseconds) in the writer's byte order
        b.order(pcap[0] == (byte) 0xa1 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        List<byte[]> parts = new ArrayList<>();
        parts.add(Arrays.copyOf(pcap, FILE_HEADER));
        int p = FILE_HEADER;
        while (p + RECORD_HEADER <= pcap.length) {
            int end = p + RECORD_HEADER + b.getInt(p + INCL_LEN);
            parts.add(Arrays.copyOfRange(pcap, p, end));
            p = end;
        }
        return parts;
    }
}
