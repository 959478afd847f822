package io.netcap.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Splitting a {@code -conns} dump at its colour codes: red client, blue server, reset between runs. */
class ConversationDumpTest {
    private static final String RED = "\u001b[31m";
    private static final String BLUE = "\u001b[34m";
    private static final String RESET = "\u001b[0m";

    @Test
    void directionsAreSplitAtTheCodes() throws IOException {
        ConversationDump.Directions d = read(RED + "GET / HTTP/1.1\r\n" + RESET + BLUE + "HTTP/1.1 200 OK\r\n" + RESET
                + RED + "GET /b" + RESET + BLUE + "body" + RESET, 100);
        assertThat(text(d.client())).isEqualTo("GET / HTTP/1.1\r\nGET /b");
        assertThat(text(d.server())).isEqualTo("HTTP/1.1 200 OK\r\nbody");
        assertThat(d.truncated()).isFalse();
    }

    @Test
    void escapesThatAreNoCodeAreData() throws IOException {
        // ESC[32m (green) and a lone ESC belong to the data; a dump cut inside a code keeps the bytes
        ConversationDump.Directions d = read(RED + "a\u001b[32mb\u001b\u001b[3x" + RESET + BLUE + "z\u001b[3", 100);
        assertThat(text(d.client())).isEqualTo("a\u001b[32mb\u001b\u001b[3x");
        assertThat(text(d.server())).isEqualTo("z\u001b[3");
    }

    @Test
    void eachDirectionIsCapped() throws IOException {
        ConversationDump.Directions d = read(RED + "0123456789" + RESET + BLUE + "abc" + RESET + RED + "xyz" + RESET, 4);
        assertThat(text(d.client())).isEqualTo("0123");
        assertThat(text(d.server())).isEqualTo("abc");
        assertThat(d.truncated()).isTrue();
    }

    @Test
    void codesCutBetweenReadsAreFound() throws IOException {
        byte[] dump = (RED + "x".repeat((1 << 16) - 7) + RESET + BLUE + "y" + RESET).getBytes(StandardCharsets.ISO_8859_1);
        ConversationDump.Directions d = ConversationDump.read(new ByteArrayInputStream(dump), 1 << 20);
        assertThat(d.client()).hasSize((1 << 16) - 7);
        assertThat(text(d.server())).isEqualTo("y");
    }

    /** Every byte value but ESC passes through unchanged. */
    @Test
    void bytesWithEveryValueSurvive() throws IOException {
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        for (int i = 0; i < 256; i++) {
            if (i != 0x1b) {
                client.write(i);
            }
        }
        byte[] dump = concat(RED.getBytes(StandardCharsets.ISO_8859_1), client.toByteArray(), RESET.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(ConversationDump.read(new ByteArrayInputStream(dump), 1000).client()).isEqualTo(client.toByteArray());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static ConversationDump.Directions read(String dump, int cap) throws IOException {
        return ConversationDump.read(new ByteArrayInputStream(dump.getBytes(StandardCharsets.ISO_8859_1)), cap);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
