package io.netcap.decoder.stream.mail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Text of mail headers and parts from their bytes: UTF-8 when valid (RFC 6532), else ISO-8859-1. */
final class MailText {
    private MailText() {}

    static String text(byte[] b, int off, int len) {
        if (ascii(b, off, len)) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1); // ASCII is UTF-8: no decoder needed
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, off, len)).toString();
        } catch (CharacterCodingException e) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean ascii(byte[] b, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** The charset a part or an encoded word names; null when Java does not know it or the name is bad. */
    static Charset charset(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        // RFC 2231 section 5: a language may follow the charset in an encoded word
        int star = name.indexOf('*');
        String n = (star >= 0 ? name.substring(0, star) : name).strip().toUpperCase(Locale.ROOT);
        try {
            return Charset.isSupported(n) ? Charset.forName(n) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Decoded text in a named charset, UTF-8-or-Latin-1 when the charset is unknown. */
    static String text(byte[] b, int off, int len, String charset) {
        Charset cs = charset(charset);
        return cs == null ? text(b, off, len) : new String(b, off, len, cs);
    }
}
