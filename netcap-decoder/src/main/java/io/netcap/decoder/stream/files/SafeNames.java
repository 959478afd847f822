package io.netcap.decoder.stream.files;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names from the traffic (a URL's last path element, a multipart part's {@code filename}) made into one
 * harmless file-name component: it can never name a directory, climb out of one, or be refused by the file
 * system. Separators and characters some file systems refuse become {@code _}; control and format characters
 * (NUL, CR, LF, bidi overrides) and unpaired surrogates too; a name of dots only, or an empty one, becomes
 * {@code unknown}; a name longer than {@link #MAX_NAME_BYTES} UTF-8 bytes is cut at a character boundary.
 */
public final class SafeNames {
    /** The name extracted files get when the traffic names none (the original's word). */
    public static final String UNKNOWN = "unknown";
    /** Bytes kept of a name from the traffic, so that prefix, flow identifier and suffixes fit in 255 bytes. */
    public static final int MAX_NAME_BYTES = 100;

    /** RFC 6838 section 4.2 restricted-name, type and subtype; what a type directory may be called. */
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");

    private SafeNames() {}

    /** One safe file-name component for an untrusted name; {@link #UNKNOWN} for null, empty, {@code .}, {@code ..}. */
    public static String component(String untrusted) {
        if (untrusted == null) {
            return UNKNOWN;
        }
        StringBuilder out = new StringBuilder(Math.min(untrusted.length(), MAX_NAME_BYTES));
        for (int i = 0; i < untrusted.length(); ) {
            int cp = untrusted.codePointAt(i);
            i += Character.charCount(cp);
            out.appendCodePoint(allowed(cp) ? cp : '_');
        }
        String s = cut(out.toString(), MAX_NAME_BYTES);
        return s.isEmpty() || s.chars().allMatch(c -> c == '.') ? UNKNOWN : s;
    }

    /** True when {@link #component} leaves the name as it is. */
    public static boolean isSafe(String name) {
        return name != null && component(name).equals(name);
    }

    private static boolean allowed(int cp) {
        if (cp < 0x20 || cp == 0x7f) {
            return false;
        }
        return switch (cp) {
            case '/', '\\', ':', '*', '?', '"', '<', '>', '|' -> false;
            default -> switch (Character.getType(cp)) {
                case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.UNASSIGNED,
                     Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.PRIVATE_USE -> false;
                default -> true;
            };
        };
    }

    /**
     * A sniffed MIME type as a two-level directory name ({@code text/html}), parameters removed and lower-cased,
     * or null when it is not a registrable media type name.
     */
    public static String typeDirectory(String mimeType) {
        if (mimeType == null) {
            return null;
        }
        String t = MimeExtensions.withoutParameters(mimeType).toLowerCase(Locale.ROOT);
        return MEDIA_TYPE.matcher(t).matches() && !t.contains("..") ? t : null;
    }

    /** Length of {@code s} in UTF-8 bytes. */
    public static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        }
        return n;
    }

    /** The longest prefix of {@code s} of at most {@code maxBytes} UTF-8 bytes that ends at a character boundary. */
    public static String cut(String s, int maxBytes) {
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (n + len > maxBytes) {
                return s.substring(0, i);
            }
            n += len;
            i += Character.charCount(cp);
        }
        return s;
    }
}
