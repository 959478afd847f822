package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netcap.cli.TransformCommandTest.Response;
import io.netcap.testing.Corpus;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * toExifDataForImage against ExifTool (Debian {@code libimage-exiftool-perl}, which ./test.sh installs), an EXIF
 * reader written apart from metadata-extractor: the same tags in the same directories, and the same text values.
 */
class ExifTransformTest {
    @TempDir
    Path tmp;

    /** ExifTool's group (-G1) as metadata-extractor names the directory. */
    private static final Map<String, String> DIRECTORIES = Map.of("IFD0", "Exif IFD0", "ExifIFD", "Exif SubIFD",
            "IFD1", "Exif Thumbnail", "GPS", "GPS", "InteropIFD", "Interoperability");

    /** "[IFD0]  305 Software  : Adobe Photoshop CS4 Windows" */
    private static final Pattern LINE = Pattern.compile("^\\[(\\w+)\\]\\s+(\\d+)\\s+(\\w+)\\s*: (.*)$");

    /** The JPEGs of two corpus captures' HTTP responses that carry EXIF, extracted with -fileStorage. */
    @Test
    void extractedImagesOfTheCorpusEqualExiftool() throws Exception {
        Corpus.require();
        requireExiftool();
        Map<String, String> images = Map.of("zeek__bro.org.pcap", "logo-nsf.jpg",
                "chrissanders-packets__http_espn.pcapng", "es13-300x100-1291.jpg");
        for (var e : images.entrySet()) {
            Path out = tmp.resolve(e.getKey());
            var r = CaptureCommandTest.capture(Map.of(), "-read", Corpus.pcaps().resolve(e.getKey()).toString(), "-out",
                    out.toString(), "-fileStorage", "files", "-quiet");
            assertThat(r.status()).as(r.err()).isZero();
            Response files = TransformCommandTest.transform("toFilesForContentType", "image/jpeg", "path="
                    + out.resolve("File.ncap.gz") + "#properties.contenttype=image/jpeg");
            var image = files.entities().stream().filter(f -> f.fields().get("name").equals(e.getValue())).findFirst()
                    .orElseThrow(() -> new AssertionError(e.getValue() + " not among " + files.entities()));
            String location = image.fields().get("location");
            Path stored = out.getParent().resolve(location).normalize();
            assertThat(stored).as(location + " relative to the capture's folder").exists();
            Response exif = TransformCommandTest.transform("toExifDataForImage", "x", "path="
                    + out.resolve("File.ncap.gz") + "#location=" + location);
            assertSameAsExiftool(stored, exif);
        }
    }

    /** A JPEG written here, tagged by ExifTool: camera, author, time and a GPS position. */
    @Test
    void tagsExiftoolWroteAreRead() throws Exception {
        requireExiftool();
        Path jpeg = tmp.resolve("photo.jpg");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "jpg", jpeg.toFile());
        exiftool("-overwrite_original", "-Make=Canon", "-Model=EOS 5D Mark IV", "-Artist=Jane Doe",
                "-DateTimeOriginal=2020:01:02 03:04:05", "-GPSLatitude=48.8583", "-GPSLatitudeRef=N",
                "-GPSLongitude=2.2945", "-GPSLongitudeRef=E", jpeg.toString());
        String url = "properties.url=" + java.net.URLEncoder.encode("file://" + jpeg, StandardCharsets.UTF_8);
        Response r = TransformCommandTest.transform("toExifDataForImage", "x", url);
        assertSameAsExiftool(jpeg, r);
        assertThat(r.values("netcap.ExifEntry")).contains("Make (Exif IFD0) = Canon",
                "Model (Exif IFD0) = EOS 5D Mark IV", "Artist (Exif IFD0) = Jane Doe",
                "Date/Time Original (Exif SubIFD) = 2020:01:02 03:04:05", "GPS Latitude Ref (GPS) = N");
        // Maltego's image entity gives the picture as fullImage
        assertThat(TransformCommandTest.transform("toExifDataForImage", "x", "fullImage=" + url.substring(
                "properties.url=".length())).values("netcap.ExifEntry")).isEqualTo(r.values("netcap.ExifEntry"));
    }

    /**
     * An extracted file is whatever the traffic carried: text, a damaged image, or none of it answer with a message,
     * never a failed transform; a missing file is the transform's failure, naming it.
     */
    @Test
    void anythingElseIsAMessage() throws Exception {
        Path text = tmp.resolve("page.html");
        Files.writeString(text, "<html>not an image</html>");
        Response r = TransformCommandTest.transform("toExifDataForImage", "x", "location=" + text);
        assertThat(r.entities()).isEmpty();
        assertThat(r.messages()).anyMatch(m -> m.startsWith("Inform: " + text + ": no EXIF data ("));
        Path plain = tmp.resolve("plain.jpg");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "jpg", plain.toFile());
        assertThat(TransformCommandTest.transform("toExifDataForImage", "x", "location=" + plain).messages())
                .contains("Inform: " + plain + ": no EXIF data");
        assertThat(TransformCommandTest.transform("toExifDataForImage", "x", "location=" + tmp.resolve("absent"))
                .messages()).singleElement().asString().startsWith("FatalError: ").endsWith("absent: no such file");

        // a tagged image with random bytes changed, 300 times: entities or a message, never a failure
        Path tagged = tmp.resolve("tagged.jpg");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "jpg", tagged.toFile());
        byte[] app1 = exifSegment();
        byte[] base = Files.readAllBytes(tagged);
        byte[] good = new byte[base.length + app1.length];
        good[0] = base[0];
        good[1] = base[1];
        System.arraycopy(app1, 0, good, 2, app1.length);
        System.arraycopy(base, 2, good, 2 + app1.length, base.length - 2);
        Files.write(tagged, good);
        assertThat(TransformCommandTest.transform("toExifDataForImage", "x", "location=" + tagged)
                .values("netcap.ExifEntry")).containsExactly("Make (Exif IFD0) = Test", "Color Space (Exif SubIFD) = sRGB");
        Random random = new Random(7);
        Path damaged = tmp.resolve("damaged.jpg");
        for (int i = 0; i < 300; i++) {
            byte[] b = good.clone();
            for (int n = 1 + random.nextInt(8); n > 0; n--) {
                b[2 + random.nextInt(Math.min(app1.length + 8, b.length - 2))] = (byte) random.nextInt(256);
            }
            Files.write(damaged, b);
            Response d = TransformCommandTest.transform("toExifDataForImage", "x", "location=" + damaged);
            assertThat(d.messages()).as("run " + i).noneMatch(m -> m.startsWith("FatalError"));
        }
    }

    /** An APP1 segment holding EXIF: IFD0 with Make "Test" and an Exif IFD with one SHORT, little-endian. */
    private static byte[] exifSegment() {
        java.nio.ByteBuffer t = java.nio.ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        t.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        t.putShort((short) 2); // IFD0: two entries
        t.putShort((short) 0x010f).putShort((short) 2).putInt(5).putInt(38); // Make, ASCII, "Test\0" at 38
        t.putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(44); // Exif IFD pointer
        t.putInt(0);
        t.put(38, "Test\0".getBytes(StandardCharsets.US_ASCII));
        t.position(44);
        t.putShort((short) 1).putShort((short) 0xa001).putShort((short) 3).putInt(1).putInt(1).putInt(0); // ColorSpace
        byte[] tiff = java.util.Arrays.copyOf(t.array(), t.position());
        byte[] seg = new byte[4 + 6 + tiff.length];
        seg[0] = (byte) 0xff;
        seg[1] = (byte) 0xe1;
        seg[2] = (byte) ((seg.length - 2) >> 8);
        seg[3] = (byte) (seg.length - 2);
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, seg, 4, 6);
        System.arraycopy(tiff, 0, seg, 10, tiff.length);
        return seg;
    }

    /**
     * Every numbered tag ExifTool lists in the EXIF groups (-a: also those a composite tag would hide) is an entity with that directory and tag number, and
     * nothing else is; text values (ExifTool prints them as stored) are the entity's value after " = ".
     */
    private static void assertSameAsExiftool(Path image, Response ours) throws Exception {
        Map<String, String> expected = new TreeMap<>();
        Map<String, String> text = new TreeMap<>();
        for (String line : exiftool("-a", "-EXIF:all", "-G1", "-D", "-s", "-sep", ", ", image.toString()).split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                String key = DIRECTORIES.get(m.group(1)) + " " + String.format("0x%04x", Integer.parseInt(m.group(2)));
                expected.put(key, m.group(3));
                if (m.group(3).matches("Make|Model|Software|Artist|Copyright|ModifyDate|DateTimeOriginal")) {
                    text.put(key, m.group(4));
                }
            }
        }
        assertThat(expected).as(image + ": ExifTool lists tags").isNotEmpty();
        Map<String, String> got = new TreeMap<>();
        ours.entities().forEach(e -> got.put(e.fields().get("directory") + " " + e.fields().get("tag"), e.value()));
        assertThat(got.keySet()).as(image.toString()).isEqualTo(expected.keySet());
        text.forEach((key, value) -> assertThat(got.get(key)).as(key).endsWith(" = " + value));
        assertThat(ours.entities()).allSatisfy(e -> assertThat(e.fields().get("path")).isEqualTo(image.toString()));
    }

    private static void requireExiftool() {
        boolean ok = Files.isExecutable(Path.of("/usr/bin/exiftool"));
        if (!ok) {
            System.err.println("SKIPPED: exiftool not installed (Debian libimage-exiftool-perl; ./test.sh installs it)");
        }
        assumeTrue(ok, "exiftool not installed");
    }

    private static String exiftool(String... args) throws IOException, InterruptedException {
        var cmd = new java.util.ArrayList<String>();
        cmd.add("/usr/bin/exiftool");
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("exiftool " + String.join(" ", args) + ": " + out).isZero();
        return out;
    }
}
