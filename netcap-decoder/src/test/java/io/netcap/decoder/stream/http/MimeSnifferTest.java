package io.netcap.decoder.stream.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The WHATWG sniffing rules with Go's table: the expected types are the ones the WHATWG spec's signature tables
 * and Go's {@code http.DetectContentType} give for these inputs (the cases follow the kinds of Go's
 * {@code sniff_test.go}; the bytes are written here). Strings are bytes in Latin-1.
 */
class MimeSnifferTest {
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String BIN = "application/octet-stream";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("empty", "", TEXT),
                Arguments.of("binary", "\u0001\u0002\u0003", BIN),
                Arguments.of("html mixed case", "<HtMl><bOdY>blah blah blah</body></html>", HTML),
                Arguments.of("html upper", "<HTML></HTML>", HTML),
                Arguments.of("doctype after spaces", "   <!DOCTYPE HTML>...", HTML),
                Arguments.of("html after CRLF", "\r\n<html>...", HTML),
                Arguments.of("comment", "<!-- x -->", HTML),
                Arguments.of("p tag", "<p>para", HTML),
                Arguments.of("a tag with attribute", "<a href=x>", HTML),
                Arguments.of("pre is no p", "<pre>x</pre>", TEXT),
                Arguments.of("br needs space or >", "<br/>", TEXT),
                Arguments.of("tag at end without terminator", "<!DOCTYPE HTML", TEXT),
                Arguments.of("plain text with UTF-8", "This is not HTML. It has \u00e2\u0098\u0083 though.", TEXT),
                Arguments.of("xml after whitespace", "\n<?xml!", "text/xml; charset=utf-8"),
                Arguments.of("pdf", "%PDF-1.7\n", "application/pdf"),
                Arguments.of("pdf only at the start", " %PDF-1.7", TEXT),
                Arguments.of("postscript", "%!PS-Adobe-3.0", "application/postscript"),
                Arguments.of("utf-16be bom", "\u00fe\u00ff\u0000A", "text/plain; charset=utf-16be"),
                Arguments.of("utf-16le bom", "\u00ff\u00feA\u0000", "text/plain; charset=utf-16le"),
                Arguments.of("utf-8 bom", "\u00ef\u00bb\u00bfhello", TEXT),
                Arguments.of("windows icon", "\u0000\u0000\u0001\u0000", "image/x-icon"),
                Arguments.of("windows cursor", "\u0000\u0000\u0002\u0000", "image/x-icon"),
                Arguments.of("bmp", "BM...", "image/bmp"),
                Arguments.of("gif87a", "GIF87a", "image/gif"),
                Arguments.of("gif89a", "GIF89a...", "image/gif"),
                Arguments.of("webp", "RIFF\u0000\u0000\u0000\u0000WEBPVP8 ", "image/webp"),
                Arguments.of("png", "\u0089PNG\r\n\u001a\n", "image/png"),
                Arguments.of("jpeg", "\u00ff\u00d8\u00ff\u00e0", "image/jpeg"),
                Arguments.of("aiff", "FORM\u0000\u0000\u0000\u0000AIFFCOMM", "audio/aiff"),
                Arguments.of("mp3 with id3", "ID3\u0003\u0000\u0000\u0000\u0000\u000f", "audio/mpeg"),
                Arguments.of("ogg", "OggS\u0000\u0002\u0000\u0000", "application/ogg"),
                Arguments.of("not ogg: case", "oggS\u0000", BIN),
                Arguments.of("not ogg: letters", "owow\u0000", BIN),
                Arguments.of("midi", "MThd\u0000\u0000\u0000\u0006\u0000\u0001", "audio/midi"),
                Arguments.of("avi", "RIFF,O\n\u0000AVI LIST", "video/avi"),
                Arguments.of("wave", "RIFFb\u00b8\u0000\u0000WAVEfmt ", "audio/wave"),
                Arguments.of("mp4", "\u0000\u0000\u0000\u0018ftypmp42\u0000\u0000\u0000\u0000mp42isom<\u0006t\u00bfmdat",
                        "video/mp4"),
                Arguments.of("mp4 brand only in the version slot", "\u0000\u0000\u0000\u0010ftypisommp41", BIN),
                Arguments.of("webm", "\u001a\u0045\u00df\u00a3", "video/webm"),
                Arguments.of("embedded opentype", "\u0000".repeat(34) + "LP", "application/vnd.ms-fontobject"),
                Arguments.of("ttf", "\u0000\u0001\u0000\u0000\u0000\u0017\u0001\u0000", "font/ttf"),
                Arguments.of("otf", "OTTO\u0000\u000e\u0000\u0080", "font/otf"),
                Arguments.of("font collection", "ttcf\u0000\u0001", "font/collection"),
                Arguments.of("woff", "wOFF\u0000\u0001\u0000\u0000", "font/woff"),
                Arguments.of("woff2", "wOF2\u0000\u0001\u0000\u0000", "font/woff2"),
                Arguments.of("gzip", "\u001f\u008b\u0008\u0000", "application/x-gzip"),
                Arguments.of("zip", "PK\u0003\u0004", "application/zip"),
                Arguments.of("rar 1.5", "Rar!\u001a\u0007\u0000", "application/x-rar-compressed"),
                Arguments.of("rar 5", "Rar!\u001a\u0007\u0001\u0000", "application/x-rar-compressed"),
                Arguments.of("not rar", "Rar \u001a\u0007\u0000", BIN),
                Arguments.of("wasm", "\u0000asm\u0001\u0000\u0000\u0000", "application/wasm"),
                Arguments.of("escape is text", "a\u001bb", TEXT),
                Arguments.of("whitespace only", " \t\n\f\r", TEXT),
                Arguments.of("only 512 bytes count", "a".repeat(512) + "\u0000", TEXT),
                Arguments.of("binary within 512 bytes", "a".repeat(511) + "\u0000", BIN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void detects(String name, String data, String expected) {
        assertThat(MimeSniffer.detect(data.getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void looksOnlyAtTheGivenLength(String name, String data, String expected) {
        byte[] b = (data + "\u0000\u0001<html>").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(MimeSniffer.detect(b, data.length())).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void parametersAreDroppedForPaths() {
        assertThat(MimeSniffer.withoutParameters(HTML)).isEqualTo("text/html");
        assertThat(MimeSniffer.withoutParameters("image/png")).isEqualTo("image/png");
    }
}
