package io.netcap.decoder.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The TCP checksum against segments TShark 4 marks "[Checksum Status: Good]" with
 * {@code -o tcp.check_checksum:TRUE} (hand-built segments written to a pcap and dissected), and against the
 * numeric example of RFC 1071 section 3.
 */
class TcpChecksumTest {
    /** 192.0.2.1:49152 -> 198.51.100.7:80, SYN with MSS 1460, NOP, window scale 7; checksum 0xd385. */
    static final String SYN_V4 = "c000005001020304000000007002ffffd3850000020405b401030307";
    /** Same endpoints, PSH+ACK with the 19-byte (odd) payload "GET / HTTP/1.1\r\n\r\n!"; checksum 0xe776. */
    static final String DATA_V4 = "c0000050010203050a0b0c0d501801f6e7760000474554202f20485454502f312e310d0a0d0a21";
    /** [2001:db8::1]:49153 -> [2001:db8::2]:443, ACK with "hello"; checksum 0x4ad4. */
    static final String DATA_V6 = "c00101bb0000000700000009501003e84ad4000068656c6c6f";

    private static byte[] ip(String a) throws Exception {
        return InetAddress.getByName(a).getAddress();
    }

    private static boolean valid(String src, String dst, byte[] segment) throws Exception {
        byte[] s = ip(src);
        return TcpChecksum.valid(s, ip(dst), s.length, segment, 0, segment.length);
    }

    @Test
    void rfc1071ExampleSumsToDdf2() {
        byte[] b = HexFormat.of().parseHex("0001f203f4f5f6f7");
        assertThat(TcpChecksum.fold(TcpChecksum.words(b, 0, b.length))).isEqualTo(0xddf2);
    }

    @Test
    void segmentsTsharkFindsGoodAreValid() throws Exception {
        assertThat(valid("192.0.2.1", "198.51.100.7", HexFormat.of().parseHex(SYN_V4))).isTrue();
        assertThat(valid("192.0.2.1", "198.51.100.7", HexFormat.of().parseHex(DATA_V4))).isTrue();
        assertThat(valid("2001:db8::1", "2001:db8::2", HexFormat.of().parseHex(DATA_V6))).isTrue();
    }

    @Test
    void aSegmentInsideALargerBufferIsSummedFromItsOffset() throws Exception {
        byte[] seg = HexFormat.of().parseHex(DATA_V4);
        byte[] frame = new byte[seg.length + 30];
        System.arraycopy(seg, 0, frame, 14, seg.length);
        frame[frame.length - 1] = 0x55; // bytes after the segment (padding) are not summed
        assertThat(TcpChecksum.valid(ip("192.0.2.1"), ip("198.51.100.7"), 4, frame, 14, seg.length)).isTrue();
    }

    @Test
    void anyChangedByteOrAnotherPseudoHeaderFails() throws Exception {
        byte[] seg = HexFormat.of().parseHex(DATA_V4);
        for (int i = 0; i < seg.length; i++) {
            byte[] bad = seg.clone();
            bad[i] ^= 0x01;
            assertThat(valid("192.0.2.1", "198.51.100.7", bad)).as("byte %d flipped", i).isFalse();
        }
        assertThat(valid("192.0.2.2", "198.51.100.7", seg)).isFalse();
        byte[] v6 = HexFormat.of().parseHex(DATA_V6);
        assertThat(valid("2001:db8::1", "2001:db8::3", v6)).isFalse();
        // checksum offload: the sender's capture holds 0 or only the pseudo header's sum
        byte[] offloaded = seg.clone();
        offloaded[16] = 0;
        offloaded[17] = 0;
        assertThat(valid("192.0.2.1", "198.51.100.7", offloaded)).isFalse();
    }
}
