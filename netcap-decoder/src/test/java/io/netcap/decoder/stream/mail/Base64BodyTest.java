package io.netcap.decoder.stream.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming base64 decoder against {@link java.util.Base64}: bodies of many output batches, lines as a MIME
 * encoder writes them (RFC 2045 section 6.8, 76 characters), fed whole and cut inside lines.
 */
class Base64BodyTest {
    private static byte[] decode(String encoded, int cut) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransferDecoder d = TransferDecoder.of("base64", out::write);
        for (String line : encoded.split("\r\n")) {
            byte[] b = line.getBytes(StandardCharsets.US_ASCII);
            int at = Math.min(cut, b.length);
            d.data(b, 0, at);
            d.data(b, at, b.length - at);
            d.lineBreak(true);
        }
        d.end();
        return out.toByteArray();
    }

    @Test
    void everyLengthRemainderAndCutDecodesAsJavaUtilBase64() {
        Random random = new Random(2045);
        for (int size : new int[] {0, 1, 2, 3, 4095, 4096, 4097, 20_000, 20_001, 20_002}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            String encoded = Base64.getMimeEncoder().encodeToString(data);
            for (int cut : new int[] {0, 1, 5, 38, 76}) {
                assertThat(decode(encoded, cut)).as("%d bytes, cut at %d", size, cut).isEqualTo(data);
            }
        }
    }

    @Test
    void paddingEndsTheDataAndCharactersOutsideTheAlphabetAreIgnored() {
        byte[] data = "any carnal pleasure".getBytes(StandardCharsets.US_ASCII);
        String encoded = Base64.getEncoder().encodeToString(data); // ends with one '='
        String noisy = encoded.substring(0, 10) + " \t*" + encoded.substring(10) + "\r\nQUJD";
        assertThat(decode(noisy, 7)).isEqualTo(data);
    }
}
