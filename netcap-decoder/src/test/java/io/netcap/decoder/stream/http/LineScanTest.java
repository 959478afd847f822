package io.netcap.decoder.stream.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time line scan against a loop over each byte, on every range of random arrays rich in LFs and high bytes. */
class LineScanTest {
    private static final byte[] SPECIAL = {'\n', '\r', ' ', 0, 9, 11, 'a', 0x7f, (byte) 0x80, (byte) 0x8a, (byte) 0xff};

    /** Up to 40 ASCII bytes, about one in {@code 1 + sparse} from {@link #SPECIAL}. */
    private static byte[] sample(Random random) {
        byte[] b = new byte[random.nextInt(40)];
        int sparse = 1 + random.nextInt(30);
        random.nextBytes(b);
        for (int k = 0; k < b.length; k++) {
            b[k] = random.nextInt(sparse) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)] : (byte) (b[k] & 0x7f);
        }
        return b;
    }

    @Test
    void everyRangeAgreesWithAPlainLoop() {
        Random random = new Random(9112);
        for (int round = 0; round < 200; round++) {
            byte[] b = sample(random);
            for (int i = 0; i <= b.length; i++) {
                for (int end = i; end <= b.length; end++) {
                    check(b, i, end, false);
                    check(b, i, end, true);
                }
            }
        }
    }

    private static void check(byte[] b, int i, int end, boolean highBefore) {
        LineScan scan = new LineScan();
        scan.high = highBefore ? -1 : 0;
        int lf = scan.lineFeed(b, i, end);
        int expected = i;
        boolean high = highBefore;
        while (expected < end) {
            high |= b[expected] < 0;
            if (b[expected] == '\n') {
                break;
            }
            expected++;
        }
        assertThat(lf).isEqualTo(expected);
        assertThat(scan.high < 0).isEqualTo(high);
    }
}
