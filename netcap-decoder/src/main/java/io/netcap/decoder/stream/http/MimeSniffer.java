package io.netcap.decoder.stream.http;

/**
 * The WHATWG MIME sniffing algorithm (https://mimesniff.spec.whatwg.org/, "identifying a resource with an
 * unknown MIME type", without the scriptable-type exclusions) with the signature table and result strings of
 * Go's {@code http.DetectContentType}, which the original writes into its HTTP records: at most the first
 * {@value #SNIFF_LEN} bytes are looked at; nothing matching gives {@code application/octet-stream}; text,
 * including the empty body, gives {@code text/plain; charset=utf-8}.
 */
public final class MimeSniffer {
    /** Bytes the algorithm looks at (the spec's resource header size). */
    public static final int SNIFF_LEN = 512;

    static final String OCTET_STREAM = "application/octet-stream";
    static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    private static final String HTML = "text/html; charset=utf-8";

    /** Tags that start an HTML document (spec 7.1, step 1); matched case-insensitively, then a space or {@code >}. */
    private static final byte[][] HTML_TAGS = bytes("<!DOCTYPE HTML", "<HTML", "<HEAD", "<SCRIPT", "<IFRAME", "<H1",
            "<DIV", "<FONT", "<TABLE", "<A", "<STYLE", "<TITLE", "<B", "<BODY", "<BR", "<P", "<!--");

    /** A masked pattern (spec 4.2 "pattern matching algorithm"); {@code skipWs} ignores leading whitespace bytes. */
    private record Masked(byte[] pattern, byte[] mask, boolean skipWs, String type) {
        Masked(String pattern, String mask, boolean skipWs, String type) {
            this(latin1(pattern), latin1(mask), skipWs, type);
        }

        boolean matches(byte[] b, int len, int start) {
            int from = skipWs ? start : 0;
            if (len - from < pattern.length) {
                return false;
            }
            for (int i = 0; i < pattern.length; i++) {
                if ((b[from + i] & mask[i]) != pattern[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final String FF4 = "\u00ff\u00ff\u00ff\u00ff";
    private static final String RIFF_MASK = FF4 + "\0\0\0\0" + FF4;

    /**
     * The signatures after the HTML tags, in the order Go tests them: XML, PDF, PostScript, the UTF BOMs, images,
     * audio and video (spec 6.2's order), fonts, archives, WebAssembly. A plain prefix has a mask of all ones.
     */
    private static final Masked[] SIGNATURES = {
        new Masked("<?xml", "\u00ff".repeat(5), true, "text/xml; charset=utf-8"),
        prefix("%PDF-", "application/pdf"),
        prefix("%!PS-Adobe-", "application/postscript"),
        new Masked("\u00fe\u00ff\0\0", "\u00ff\u00ff\0\0", false, "text/plain; charset=utf-16be"),
        new Masked("\u00ff\u00fe\0\0", "\u00ff\u00ff\0\0", false, "text/plain; charset=utf-16le"),
        new Masked("\u00ef\u00bb\u00bf\0", "\u00ff\u00ff\u00ff\0", false, TEXT_PLAIN),
        prefix("\0\0\u0001\0", "image/x-icon"),
        prefix("\0\0\u0002\0", "image/x-icon"),
        prefix("BM", "image/bmp"),
        prefix("GIF87a", "image/gif"),
        prefix("GIF89a", "image/gif"),
        new Masked("RIFF\0\0\0\0WEBPVP", RIFF_MASK + "\u00ff\u00ff", false, "image/webp"),
        prefix("\u0089PNG\r\n\u001a\n", "image/png"),
        prefix("\u00ff\u00d8\u00ff", "image/jpeg"),
        new Masked("FORM\0\0\0\0AIFF", RIFF_MASK, false, "audio/aiff"),
        prefix("ID3", "audio/mpeg"),
        prefix("OggS\0", "application/ogg"),
        prefix("MThd\0\0\0\u0006", "audio/midi"),
        new Masked("RIFF\0\0\0\0AVI ", RIFF_MASK, false, "video/avi"),
        new Masked("RIFF\0\0\0\0WAVE", RIFF_MASK, false, "audio/wave"),
        null, // video/mp4: the box walk of spec 6.2.1, see isMp4
        prefix("\u001a\u0045\u00df\u00a3", "video/webm"),
        new Masked("\0".repeat(34) + "LP", "\0".repeat(34) + "\u00ff\u00ff", false, "application/vnd.ms-fontobject"),
        prefix("\0\u0001\0\0", "font/ttf"),
        prefix("OTTO", "font/otf"),
        prefix("ttcf", "font/collection"),
        prefix("wOFF", "font/woff"),
        prefix("wOF2", "font/woff2"),
        prefix("\u001f\u008b\u0008", "application/x-gzip"),
        prefix("PK\u0003\u0004", "application/zip"),
        // RAR Labs' signatures; the spec's are wrong (whatwg/mimesniff issue 63), Go uses these
        prefix("Rar!\u001a\u0007\0", "application/x-rar-compressed"),
        prefix("Rar!\u001a\u0007\u0001\0", "application/x-rar-compressed"),
        prefix("\0asm", "application/wasm"),
    };

    private MimeSniffer() {}

    public static String detect(byte[] b) {
        return detect(b, b.length);
    }

    /** The sniffed type of {@code b[0 .. len)} (only the first {@value #SNIFF_LEN} bytes count). */
    public static String detect(byte[] b, int len) {
        len = Math.min(len, Math.min(b.length, SNIFF_LEN));
        int start = 0;
        while (start < len && isWhitespace(b[start])) {
            start++;
        }
        for (byte[] tag : HTML_TAGS) {
            if (htmlTag(tag, b, len, start)) {
                return HTML;
            }
        }
        for (Masked m : SIGNATURES) {
            if (m == null ? isMp4(b, len) : m.matches(b, len, start)) {
                return m == null ? "video/mp4" : m.type();
            }
        }
        for (int i = start; i < len; i++) {
            if (isBinary(b[i])) {
                return OCTET_STREAM;
            }
        }
        return TEXT_PLAIN;
    }

    /** The type without parameters, as file paths use it ({@code text/html; charset=utf-8} to {@code text/html}). */
    public static String withoutParameters(String type) {
        int semi = type.indexOf(';');
        return semi < 0 ? type : type.substring(0, semi).trim();
    }

    /** Whitespace byte (spec "0xWS"). */
    private static boolean isWhitespace(byte c) {
        return c == '\t' || c == '\n' || c == 0x0c || c == '\r' || c == ' ';
    }

    /** Binary data byte (spec "binary data byte"): a control other than TAB, LF, FF, CR and ESC. */
    private static boolean isBinary(byte c) {
        return (c >= 0 && c <= 0x08) || c == 0x0b || (c >= 0x0e && c <= 0x1a) || (c >= 0x1c && c <= 0x1f);
    }

    private static boolean htmlTag(byte[] tag, byte[] b, int len, int start) {
        if (len - start < tag.length + 1) {
            return false;
        }
        for (int i = 0; i < tag.length; i++) {
            int c = b[start + i];
            if (tag[i] >= 'A' && tag[i] <= 'Z') {
                c &= 0xdf;
            }
            if (c != tag[i]) {
                return false;
            }
        }
        byte end = b[start + tag.length]; // tag-terminating byte (spec "0xTT")
        return end == ' ' || end == '>';
    }

    /** Spec 6.2.1 "signature for MP4": an {@code ftyp} box whose major or a compatible brand starts with {@code mp4}. */
    private static boolean isMp4(byte[] b, int len) {
        if (len < 12) {
            return false;
        }
        long boxSize = ((b[0] & 0xffL) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        if (len < boxSize || boxSize % 4 != 0 || b[4] != 'f' || b[5] != 't' || b[6] != 'y' || b[7] != 'p') {
            return false;
        }
        for (int at = 8; at < boxSize; at += 4) {
            if (at == 12) {
                continue; // the major brand's version
            }
            if (b[at] == 'm' && b[at + 1] == 'p' && b[at + 2] == '4') {
                return true;
            }
        }
        return false;
    }

    private static Masked prefix(String pattern, String type) {
        return new Masked(pattern, "\u00ff".repeat(pattern.length()), false, type);
    }

    private static byte[] latin1(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static byte[][] bytes(String... s) {
        byte[][] out = new byte[s.length][];
        for (int i = 0; i < s.length; i++) {
            out[i] = latin1(s[i]);
        }
        return out;
    }
}
