package io.netcap.decoder.stream.mail;

import java.util.Locale;

/**
 * Streaming {@code Content-Transfer-Encoding} decoding (RFC 2045 section 6) of a part's body, given line by line:
 * {@link #data} for the bytes of a line (a long line may come in pieces), {@link #lineBreak} between lines.
 * Decoded bytes go out in batches of at most {@link #BATCH} bytes, so memory is constant whatever the input.
 */
abstract sealed class TransferDecoder {
    static final int BATCH = 4096;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LF = {'\n'};

    /** Where decoded bytes go. */
    @FunctionalInterface
    interface Output {
        void write(byte[] b, int off, int len);
    }

    /** For a body whose decoded bytes nobody keeps: reads nothing, holds nothing, so one serves all. */
    static final TransferDecoder DISCARD = new Discard();

    final Output out;
    /** The batch of decoded bytes; null for a decoder that hands the bytes on as they come. */
    final byte[] buf;
    int n;

    TransferDecoder(Output out, boolean batches) {
        this.out = out;
        this.buf = batches ? new byte[BATCH] : null;
    }

    private TransferDecoder() {
        this.out = null;
        this.buf = null;
    }

    /** The decoder for a {@code Content-Transfer-Encoding} value; 7bit, 8bit, binary and unknown ones pass through. */
    static TransferDecoder of(String encoding, Output out) {
        return switch (encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT)) {
            case "base64" -> new Base64(out);
            case "quoted-printable" -> new QuotedPrintable(out);
            default -> new Identity(out);
        };
    }

    abstract void data(byte[] b, int off, int len);

    /** A line break between two lines of the body; {@code crlf} false for a bare LF. */
    abstract void lineBreak(boolean crlf);

    /** The body ended; writes what is still held. */
    void end() {
        flush();
    }

    final void put(int b) {
        if (n == buf.length) {
            flush();
        }
        buf[n++] = (byte) b;
    }

    final void flush() {
        if (n > 0) {
            out.write(buf, 0, n);
            n = 0;
        }
    }

    /** 7bit, 8bit, binary: the bytes as they are, line breaks as sent. */
    static final class Identity extends TransferDecoder {
        Identity(Output out) {
            super(out, false); // the bytes pass through: no batch
        }

        @Override
        void data(byte[] b, int off, int len) {
            if (len > 0) {
                out.write(b, off, len);
            }
        }

        @Override
        void lineBreak(boolean crlf) {
            byte[] eol = crlf ? CRLF : LF;
            out.write(eol, 0, eol.length);
        }
    }

    /** RFC 2045 section 6.8: characters outside the alphabet are ignored, {@code =} ends a quantum. */
    static final class Base64 extends TransferDecoder {
        private static final byte[] VALUES = new byte[256];

        static {
            java.util.Arrays.fill(VALUES, (byte) -1);
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            for (int i = 0; i < alphabet.length(); i++) {
                VALUES[alphabet.charAt(i)] = (byte) i;
            }
        }

        private int acc;
        private int sextets;
        /** Padding was seen: section 6.8 takes it as the end of the data. */
        private boolean padded;

        Base64(Output out) {
            super(out, true);
        }

        /** A plain loop over the bytes with the state in locals: this runs for every byte of a base64 body. */
        @Override
        void data(byte[] b, int off, int len) {
            int a = acc;
            int s = sextets;
            int k = n;
            byte[] o = buf;
            int end = off + len;
            for (int i = off; i < end && !padded; i++) {
                int c = b[i] & 0xff;
                int v = VALUES[c];
                if (v >= 0) {
                    a = a << 6 | v;
                    if (++s == 4) {
                        if (k > BATCH - 3) {
                            n = k;
                            flush();
                            k = 0;
                        }
                        o[k] = (byte) (a >> 16);
                        o[k + 1] = (byte) (a >> 8);
                        o[k + 2] = (byte) a;
                        k += 3;
                        s = 0;
                        a = 0;
                    }
                } else if (c == '=') {
                    acc = a;
                    sextets = s;
                    n = k;
                    pad();
                    padded = true;
                    a = acc;
                    s = sextets;
                    k = n;
                }
            }
            acc = a;
            sextets = s;
            n = k;
            flush();
        }

        private void pad() {
            if (sextets == 2) {
                put(acc >> 4);
            } else if (sextets == 3) {
                put(acc >> 10);
                put(acc >> 2);
            }
            sextets = 0;
            acc = 0;
        }

        @Override
        void lineBreak(boolean crlf) {}

        @Override
        void end() {
            pad(); // a body cut before its padding still gives its complete bytes
            flush();
        }
    }

    /** Decodes nothing: the bytes of a body nobody keeps. */
    static final class Discard extends TransferDecoder {
        @Override
        void data(byte[] b, int off, int len) {}

        @Override
        void lineBreak(boolean crlf) {}

        @Override
        void end() {}
    }

    /**
     * RFC 2045 section 6.7: {@code =XX} is a byte, {@code =} at the end of a line a soft line break; a hard line
     * break is CRLF. Malformed escapes are kept as sent, as the RFC suggests.
     */
    static final class QuotedPrintable extends TransferDecoder {
        private static final int TEXT = 0;
        private static final int EQUALS = 1;
        private static final int HEX = 2;

        private int state = TEXT;
        private int high;
        private int firstHex;
        /** Whitespace seen after {@code =}: a soft break may carry trailing blanks (transport padding). */
        private boolean equalsBlank;

        QuotedPrintable(Output out) {
            super(out, true);
        }

        @Override
        void data(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                int c = b[i] & 0xff;
                switch (state) {
                    case EQUALS -> {
                        int h = EncodedWords.hex(c);
                        if (h >= 0 && !equalsBlank) {
                            high = h;
                            firstHex = c;
                            state = HEX;
                        } else if (c == ' ' || c == '\t') {
                            equalsBlank = true;
                        } else {
                            put('=');
                            state = TEXT;
                            equalsBlank = false;
                            text(c);
                        }
                    }
                    case HEX -> {
                        int h = EncodedWords.hex(c);
                        state = TEXT;
                        if (h >= 0) {
                            put(high << 4 | h);
                        } else {
                            put('=');
                            put(firstHex);
                            text(c);
                        }
                    }
                    default -> text(c);
                }
            }
            flush();
        }

        private void text(int c) {
            if (c == '=') {
                state = EQUALS;
                equalsBlank = false;
            } else {
                put(c);
            }
        }

        @Override
        void lineBreak(boolean crlf) {
            if (state == EQUALS) {
                state = TEXT; // soft line break
                return;
            }
            if (state == HEX) {
                put('=');
                put(firstHex);
                state = TEXT;
            }
            put('\r');
            put('\n');
            flush();
        }

        @Override
        void end() {
            if (state == HEX) {
                put('=');
                put(firstHex);
            }
            state = TEXT;
            flush();
        }
    }
}
