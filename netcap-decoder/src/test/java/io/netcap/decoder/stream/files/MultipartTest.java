package io.netcap.decoder.stream.files;

import static io.netcap.decoder.stream.files.Extraction.FLOW;
import static io.netcap.decoder.stream.files.Extraction.always;
import static io.netcap.decoder.stream.files.Extraction.hex;
import static io.netcap.decoder.stream.files.Extraction.tree;
import static io.netcap.decoder.stream.files.Extraction.upload;
import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.types.File;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** multipart/form-data uploads: each file part is its own file, however the body arrives. */
class MultipartTest {
    static final String BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
    /** Content with CRs, LFs and most of a delimiter in it, which must all stay content. */
    static final byte[] BINARY = bytes("\r\n--" + BOUNDARY.substring(0, 20) + "\r\r\n-\r\n--" + "\u0000\u00ff end\r");
    static final byte[] TEXT = bytes("first line\r\nsecond line\n");

    @TempDir
    Path out;

    /** RFC 7578 section 4 example style: a preamble, two fields, two files and an epilogue. */
    static byte[] twoFiles() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(bytes("preamble, ignored\r\n--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"user\"\r\n\r\nalice\r\n--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"doc\"; filename=\"notes.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n"));
        b.writeBytes(TEXT);
        b.writeBytes(bytes("\r\n--" + BOUNDARY + "   \r\n"
                + "content-disposition: form-data; name=\"blob\";\r\n filename=\"data \\\"1\\\".bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"));
        b.writeBytes(BINARY);
        b.writeBytes(bytes("\r\n--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"submit\"\r\n\r\nsend\r\n--" + BOUNDARY + "--\r\n"
                + "epilogue, ignored\r\n"));
        return b.toByteArray();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void everyFilePartIsItsOwnFileAndFieldsAreNotStored() throws IOException {
        Extraction x = new Extraction(out, false, always("application/octet-stream"));
        x.store(upload(BOUNDARY), twoFiles(), true);

        assertThat(x.files).extracting(File::getName).containsExactly("notes.txt", "data _1_.bin");
        assertThat(x.files).extracting(File::getContentType).containsExactly("text/plain", "application/octet-stream");
        assertThat(x.files).extracting(File::getSource).containsOnly("HTTP POST REQUEST to /upload");
        assertThat(Files.readAllBytes(Path.of(x.files.get(0).getLocation()))).isEqualTo(TEXT);
        assertThat(Files.readAllBytes(Path.of(x.files.get(1).getLocation()))).isEqualTo(BINARY);
        assertThat(x.files.get(0).getHash()).isEqualTo(hex("MD5", TEXT));
        assertThat(x.files.get(1).getSHA256()).isEqualTo(hex("SHA-256", BINARY));
        assertThat(tree(out)).containsExactly(
                Path.of("files/application/octet-stream/data _1_.bin-" + FLOW + ".bin"),
                Path.of("files/application/octet-stream/notes.txt-" + FLOW + ".bin"));
        assertThat(x.counters.multipartFileParts()).isEqualTo(2);
        assertThat(x.counters.multipartMalformed()).isZero();
    }

    /** The same parts whatever the size of the writes, so wherever a delimiter is split. */
    @Test
    void aDelimiterSpanningWritesIsFoundWhereverTheBodyIsSplit() {
        byte[] body = twoFiles();
        List<String> whole = PartRecorder.parts(BOUNDARY, body, 0, body.length);
        assertThat(whole).containsExactly("notes.txt|" + new String(TEXT, StandardCharsets.ISO_8859_1) + "|true",
                "data \"1\".bin|" + new String(BINARY, StandardCharsets.ISO_8859_1) + "|true");
        for (int step = 1; step <= body.length; step++) {
            assertThat(PartRecorder.parts(BOUNDARY, body, 0, step)).as("writes of %d bytes", step).isEqualTo(whole);
        }
    }

    @Test
    void aTruncatedUploadLeavesItsLastPartIncomplete() {
        byte[] body = twoFiles();
        int inSecond = indexOf(body, BINARY) + 10;
        byte[] cut = Arrays.copyOf(body, inSecond);

        Extraction keep = new Extraction(out.resolve("keep"), true, always("application/octet-stream"));
        keep.store(upload(BOUNDARY), cut, false);
        assertThat(keep.files).extracting(File::getName).containsExactly("notes.txt", "data _1_.bin");
        assertThat(keep.files.get(1).getLength()).isEqualTo(10);
        assertThat(keep.files.get(1).getHash()).isEqualTo(hex("MD5", Arrays.copyOf(BINARY, 10)));
        assertThat(Path.of(keep.files.get(1).getLocation()).getFileName().toString()).startsWith("incomplete-data");
        assertThat(Path.of(keep.files.get(0).getLocation()).getFileName().toString()).startsWith("notes.txt");

        Extraction drop = new Extraction(out.resolve("drop"), false, always("application/octet-stream"));
        drop.store(upload(BOUNDARY), cut, false);
        assertThat(drop.files).extracting(File::getName).containsExactly("notes.txt");
        assertThat(drop.counters.incompleteDiscarded()).isEqualTo(1);
        assertThat(drop.counters.multipartMalformed()).as("the body was cut, not malformed").isZero();
    }

    @Test
    void aCompleteBodyWithoutItsCloseDelimiterIsMalformed() {
        byte[] body = twoFiles();
        byte[] noClose = Arrays.copyOf(body, indexOf(body, BINARY) + BINARY.length);
        Extraction x = new Extraction(out, true, always("application/octet-stream"));
        x.store(upload(BOUNDARY), noClose, true);
        assertThat(x.files).hasSize(2);
        assertThat(x.files.get(1).getLength()).isEqualTo(BINARY.length);
        assertThat(Path.of(x.files.get(1).getLocation()).getFileName().toString()).startsWith("incomplete-");
        assertThat(x.counters.multipartMalformed()).isEqualTo(1);
    }

    @Test
    void hostileAndExtendedFileNames() {
        String body = "--b\r\nContent-Disposition: form-data; name=a; filename=\"../../../etc/cron.d/x\"\r\n\r\n1"
                + "\r\n--b\r\nContent-Disposition: form-data; name=b; filename=\"plain.txt\"; "
                + "filename*=UTF-8''gr%C3%BC%C3%9Fe%2F..%2Fx.txt\r\n\r\n2"
                + "\r\n--b\r\nContent-Disposition: form-data; name=c; filename=\"\"\r\n\r\n"
                + "\r\n--b\r\nContent-Disposition: form-data; name=d; filename=\"nul\u0000.txt\"\r\n\r\n4"
                + "\r\n--b--";
        Extraction x = new Extraction(out, false, always("text/plain"));
        x.store(upload("b"), body.getBytes(StandardCharsets.UTF_8), true);
        assertThat(x.files).extracting(File::getName)
                .containsExactly(".._.._.._etc_cron.d_x", "grüße_.._x.txt", "nul_.txt");
        assertThat(x.counters.emptyBodies()).as("the empty file input").isEqualTo(1);
        assertThat(tree(out)).allSatisfy(p -> assertThat(p.getNameCount()).isEqualTo(4));
    }

    @Test
    void aPartHeaderBlockOverTheCapIsSkipped() {
        String big = "X-Filler: " + "y".repeat(MultipartSplitter.MAX_HEADER_BYTES) + "\r\n";
        String body = "--b\r\nContent-Disposition: form-data; name=a; filename=\"a.txt\"\r\n" + big + "\r\nA"
                + "\r\n--b\r\nContent-Disposition: form-data; name=b; filename=\"b.txt\"\r\n\r\nB\r\n--b--\r\n";
        Extraction x = new Extraction(out, false, always("text/plain"));
        x.store(upload("b"), bytes(body), true);
        assertThat(x.files).extracting(File::getName).containsExactly("b.txt");
        assertThat(x.counters.multipartMalformed()).isEqualTo(1);
    }

    @Test
    void anUnusableBoundaryStoresTheBodyAsOneFile() {
        FileOrigin o = upload("x".repeat(MultipartSplitter.MAX_BOUNDARY_BYTES + 1));
        Extraction x = new Extraction(out, false, always("text/plain"));
        x.store(o, bytes("whatever"), true);
        assertThat(x.files).extracting(File::getName).containsExactly("upload.txt");
    }

    @Test
    void contentDispositionParameters() {
        assertThat(ContentDisposition.parse("form-data; name=\"a;b\"; filename=\"c\\\\d\""))
                .isEqualTo(new ContentDisposition("a;b", "c\\d"));
        assertThat(ContentDisposition.parse("form-data; name=field")).isEqualTo(new ContentDisposition("field", null));
        assertThat(ContentDisposition.parse("attachment; FILENAME = \"q.pdf\"").filename()).isEqualTo("q.pdf");
        assertThat(ContentDisposition.parse("attachment; filename*=ISO-8859-1'en'%A3%20rates.pdf").filename())
                .isEqualTo("£ rates.pdf");
        assertThat(ContentDisposition.parse("attachment; filename*=KOI8-R''x; filename=y").filename()).isEqualTo("y");
        assertThat(ContentDisposition.parse("form-data; name=\"unterminated").name()).isEqualTo("unterminated");
        assertThat(ContentDisposition.parse("form-data;;;=;name")).isEqualTo(new ContentDisposition("", null));
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
