package io.netcap.decoder.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netcap.decoder.stream.Ipv4Defragmenter.Limits;
import java.util.Arrays;

/**
 * Random fragment streams (few identifications, so sets collide, overlap and conflict) and raw bytes:
 * no exception, the caps hold after every fragment, and every datagram returned is a well-formed
 * IPv4 datagram of at most 65,535 bytes with a valid header checksum.
 */
class Ipv4DefragmenterFuzzTest {
    private static final int MAX_DATAGRAMS = 4;
    private static final long MAX_BYTES = 4_096;

    @FuzzTest(maxDuration = "30s")
    void fragmentStreams(byte[] data) {
        Ipv4Defragmenter d = new Ipv4Defragmenter(new Limits(1_000, MAX_DATAGRAMS, MAX_BYTES));
        long time = 0;
        int offered = 0;
        for (int i = 0; i + 6 <= data.length; i += 6) {
            int op = data[i] & 0xFF;
            byte[] fragment;
            if (op >= 0xF0) {
                // Raw bytes as a header: whatever the fuzzer makes of it.
                fragment = Arrays.copyOfRange(data, i + 1, Math.min(data.length, i + 1 + (data[i + 1] & 0x3F)));
            } else {
                int id = op & 0x03;
                int offset = ((data[i + 1] & 0x1F) << 8 | data[i + 2] & 0xFF) * 8;
                boolean more = (op & 0x04) != 0;
                int length = ((data[i + 3] & 0x0F) << 8 | data[i + 4] & 0xFF);
                fragment = Ipv4Fragments.fragment(id, offset, more, Ipv4Fragments.fill(length, data[i + 4]));
            }
            time += data[i + 5] & 0xFF;
            byte[] out = d.offer(fragment, 0, fragment.length, time);
            offered++;
            assertThat(d.datagramsInFlight()).isBetween(0, MAX_DATAGRAMS);
            assertThat(d.bufferedBytes()).isBetween(0L, MAX_BYTES);
            if (out != null) {
                int hl = (out[0] & 0x0F) * 4;
                assertThat(out.length).isBetween(hl, Ipv4Defragmenter.MAX_DATAGRAM);
                assertThat((out[2] & 0xFF) << 8 | out[3] & 0xFF).isEqualTo(out.length);
                assertThat(out[6] & 0x3F | out[7]).isZero();
                assertThat(Ipv4Fragments.onesComplementSum(out, hl)).isEqualTo(0xFFFF);
            }
        }
        assertThat(d.counters().fragments()).isEqualTo(offered);
        d.expire(Long.MAX_VALUE);
        assertThat(d.datagramsInFlight()).isZero();
        assertThat(d.bufferedBytes()).isZero();
    }
}
