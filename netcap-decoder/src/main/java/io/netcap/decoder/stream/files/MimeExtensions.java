package io.netcap.decoder.stream.files;

import java.util.Map;

/**
 * The file extension of an extracted file, from its sniffed MIME type: the original's fixed table of 73 types
 * (taken from MDN's list of common types), kept entry for entry so extracted files get the original's names
 * (docs/streams.md, "File extraction"). A type not in the table gives no extension.
 */
public final class MimeExtensions {
    /** Type (without parameters) to extension, dot included. */
    static final Map<String, String> TABLE = Map.ofEntries(
            Map.entry("application/x-gzip", ".gz"),
            Map.entry("image/jpg", ".jpg"),
            Map.entry("text/plain", ".txt"),
            Map.entry("text/html", ".html"),
            Map.entry("image/x-icon", ".ico"),
            Map.entry("audio/aac", ".aac"),
            Map.entry("application/x-abiword", ".abw"),
            Map.entry("application/x-freearc", ".arc"),
            Map.entry("video/x-msvideo", ".avi"),
            Map.entry("application/vnd.amazon.ebook", ".azw"),
            Map.entry("application/octet-stream", ".bin"),
            Map.entry("image/bmp", ".bmp"),
            Map.entry("application/x-bzip", ".bz"),
            Map.entry("application/x-bzip2", ".bz2"),
            Map.entry("application/x-csh", ".csh"),
            Map.entry("text/css", ".css"),
            Map.entry("text/csv", ".csv"),
            Map.entry("application/msword", ".doc"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
            Map.entry("application/vnd.ms-fontobject", ".eot"),
            Map.entry("application/epub+zip", ".epub"),
            Map.entry("application/gzip", ".gz"),
            Map.entry("image/gif", ".gif"),
            Map.entry("image/vnd.microsoft.icon", ".ico"),
            Map.entry("text/calendar", ".ics"),
            Map.entry("application/java-archive", ".jar"),
            Map.entry("image/jpeg", ".jpg"),
            Map.entry("text/javascript", ".js"),
            Map.entry("application/json", ".json"),
            Map.entry("application/ld+json", ".jsonld"),
            // the original's key, two types in one string as MDN lists them: a sniffed type never equals it
            Map.entry("audio/midi audio/x-midi", ".midi"),
            Map.entry("audio/mpeg", ".mp3"),
            Map.entry("video/mpeg", ".mpeg"),
            Map.entry("text/xml", ".xml"),
            Map.entry("application/vnd.apple.installer+xml", ".mpkg"),
            Map.entry("application/vnd.oasis.opendocument.presentation", ".odp"),
            Map.entry("application/vnd.oasis.opendocument.spreadsheet", ".ods"),
            Map.entry("application/vnd.oasis.opendocument.text", ".odt"),
            Map.entry("audio/ogg", ".oga"),
            Map.entry("video/ogg", ".ogv"),
            Map.entry("application/ogg", ".ogx"),
            Map.entry("audio/opus", ".opus"),
            Map.entry("font/otf", ".otf"),
            Map.entry("image/png", ".png"),
            Map.entry("application/pdf", ".pdf"),
            Map.entry("application/php", ".php"),
            Map.entry("application/vnd.ms-powerpoint", ".ppt"),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"),
            Map.entry("application/vnd.rar", ".rar"),
            Map.entry("application/rtf", ".rtf"),
            Map.entry("application/x-sh", ".sh"),
            Map.entry("image/svg+xml", ".svg"),
            Map.entry("application/x-shockwave-flash", ".swf"),
            Map.entry("application/x-tar", ".tar"),
            Map.entry("image/tiff", ".tiff"),
            Map.entry("video/mp2t", ".ts"),
            Map.entry("font/ttf", ".ttf"),
            Map.entry("application/vnd.visio", ".vsd"),
            Map.entry("audio/wav", ".wav"),
            Map.entry("audio/webm", ".weba"),
            Map.entry("video/webm", ".webm"),
            Map.entry("image/webp", ".webp"),
            Map.entry("font/woff", ".woff"),
            Map.entry("font/woff2", ".woff2"),
            Map.entry("application/xhtml+xml", ".xhtml"),
            Map.entry("application/vnd.ms-excel", ".xls"),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
            Map.entry("application/xml", ".xml"),
            Map.entry("application/vnd.mozilla.xul+xml", ".xul"),
            Map.entry("application/zip", ".zip"),
            Map.entry("video/3gpp", ".3gp"),
            Map.entry("video/3gpp2", ".3g2"),
            Map.entry("application/x-7z-compressed", ".7z"));

    private MimeExtensions() {}

    /** The extension (with its dot) for a type; parameters after {@code ;} are ignored; "" when unknown. */
    public static String extension(String mimeType) {
        if (mimeType == null) {
            return "";
        }
        return TABLE.getOrDefault(withoutParameters(mimeType), "");
    }

    /** The type without its parameters: {@code text/html; charset=utf-8} gives {@code text/html}. */
    public static String withoutParameters(String mimeType) {
        int semi = mimeType.indexOf(';');
        return (semi < 0 ? mimeType : mimeType.substring(0, semi)).trim();
    }
}
