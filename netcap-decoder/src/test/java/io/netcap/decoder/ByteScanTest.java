package io.netcap.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time scans against a loop over each byte, on every range of random arrays rich in the bytes sought. */
class ByteScanTest {
    private static int naive(byte[] b, int i, int end, byte c) {
        while (i < end && b[i] != c) {
            i++;
        }
        return i;
    }

    private static int naiveLineEnd(byte[] b, int i, int end) {
        while (i < end && b[i] != '\r' && b[i] != '\n') {
            i++;
        }
        return i;
    }

    @Test
    void everyRangeAgreesWithAPlainLoop() {
        Random random = new Random(854);
        byte[] alphabet = {'\r', '\n', ' ', 0, 1, 9, 11, 12, 14, 'a', (byte) 0x80, (byte) 0x8d, (byte) 0x8a, (byte) 0xff};
        for (int round = 0; round < 200; round++) {
            byte[] b = new byte[random.nextInt(40)];
            int sparse = 1 + random.nextInt(30);
            for (int k = 0; k < b.length; k++) {
                b[k] = random.nextInt(sparse) == 0 ? alphabet[random.nextInt(alphabet.length)]
                        : (byte) random.nextInt(256);
            }
            for (int i = 0; i <= b.length; i++) {
                for (int end = i; end <= b.length; end++) {
                    assertThat(ByteScan.lineEnd(b, i, end)).isEqualTo(naiveLineEnd(b, i, end));
                    for (byte c : alphabet) {
                        assertThat(ByteScan.indexOf(b, i, end, c)).isEqualTo(naive(b, i, end, c));
                    }
                }
            }
        }
    }
}
