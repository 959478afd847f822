package io.netcap.decoder.stream.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Dot-unstuffing (RFC 5321 section 4.5.2): the sender doubled every leading dot and ended the data with a line of
 * one dot. The expected messages are written out by that rule; the bytes come in every split.
 */
class DotStuffedTest {
    private static final String AFTER = "QUIT\r\n";

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Feeds {@code sent} cut at {@code at}, giving unconsumed bytes back with the next piece as a parser must. */
    private static String unstuff(byte[] sent, int at, int[] consumed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotStuffed d = new DotStuffed(out::write);
        byte[] pending = new byte[0];
        int used = 0;
        for (byte[] piece : new byte[][] {Arrays.copyOf(sent, at), Arrays.copyOfRange(sent, at, sent.length)}) {
            byte[] b = Arrays.copyOf(pending, pending.length + piece.length);
            System.arraycopy(piece, 0, b, pending.length, piece.length);
            int c = d.read(b, 0, b.length);
            used += c;
            pending = Arrays.copyOfRange(b, c, b.length);
            if (d.done()) {
                break;
            }
        }
        consumed[0] = used;
        assertThat(d.done()).isTrue();
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static void check(String sent, String message) {
        byte[] b = latin1(sent + AFTER);
        int[] consumed = new int[1];
        for (int at = 0; at <= b.length; at++) {
            assertThat(unstuff(b, at, consumed)).as("cut at %d", at).isEqualTo(message);
            assertThat(consumed[0]).as("cut at %d", at).isEqualTo(b.length - AFTER.length());
        }
    }

    @Test
    void leadingDotsAreRemovedOnceAndTheDotLineEnds() {
        check("Subject: dots\r\n\r\n..leading\r\nmiddle . dot\r\n...two\r\n.\r\n",
                "Subject: dots\r\n\r\n.leading\r\nmiddle . dot\r\n..two\r\n");
    }

    @Test
    void bareLineFeedsAndADotLineFirst() {
        check("..\n.x\nlast\n.\n", ".\nx\nlast\n");
        check(".\r\n", "");
    }

    @Test
    void aDotFollowedByCarriageReturnAloneIsContent() {
        check(".\rx\r\n.\r\n", "\rx\r\n");
    }
}
