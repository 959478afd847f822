package io.netcap.cli.maltego;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.Tag;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.netcap.cli.maltego.Transforms.Failure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The transforms that read an extracted file (a netcap.File's {@code location}, or a {@code file://} URL as
 * {@code properties.url}) and give what it mentions: links, domains, IP addresses, email addresses and phone
 * numbers, and an image's EXIF data. The file's
 * first {@link #READ} bytes are read as Latin-1, byte for character, so that the ASCII patterns find what they find
 * in any encoding.
 */
final class FileContentTransforms {
    private FileContentTransforms() {}

    /** The most of a file that is read: an extracted download may be gigabytes. */
    static final int READ = 64 << 20;

    /**
     * URLs with a scheme, as the original's link finder (xurls' strict mode) takes them: the scheme, "://", then up
     * to a space, a quote or an angle bracket, without trailing punctuation of the sentence around it.
     */
    static final Pattern LINK = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]{1,15}://[^\\s<>\"'`]+[^\\s<>\"'`.,;:!?)\\]}]");

    /** The original's domain pattern: labels of letters, digits and hyphens, a last label of 2 to 10 letters. */
    static final Pattern DOMAIN = Pattern.compile("(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,10}");

    /** The original's IPv4 pattern. */
    static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)(\\.(25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)){3}");

    /**
     * The original's IPv6 pattern with its forms in another order: those that end in a dotted IPv4 address first
     * (whose doubled backslashes before each dot matched nothing in the original), then the full and the compressed
     * forms, those that end or start with "::" last. The original's order took the first form that matched, so it
     * cut "2001:db8::1" to "2001:db8::" and "::ffff:10.1.2.3" to "::ffff:10".
     */
    static final Pattern IPV6 = Pattern.compile("(::(ffff(:0{1,4})?:)?((25[0-5]|(2[0-4]|1?[0-9])?[0-9])\\.){3}"
            + "(25[0-5]|(2[0-4]|1?[0-9])?[0-9])"
            + "|([0-9a-fA-F]{1,4}:){1,4}:((25[0-5]|(2[0-4]|1?[0-9])?[0-9])\\.){3}(25[0-5]|(2[0-4]|1?[0-9])?[0-9])"
            + "|fe80:(:[0-9a-fA-F]{0,4}){0,4}%[0-9a-zA-Z]+"
            + "|([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}"
            + "|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}"
            + "|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}"
            + "|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})"
            + "|([0-9a-fA-F]{1,4}:){1,7}:|:((:[0-9a-fA-F]{1,4}){1,7}|:))");

    /** An address as HTML's valid email address has it (the original used a library of RFC 5322's forms). */
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}"
            + "[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    static void links(LocalTransform in, MaltegoResponse out, Transforms.Context context) throws IOException {
        Path file = file(in);
        find(LINK, read(file, out), m -> out.entity("netcap.URL", m).property("path", "Path", file.toString())
                .property("properties.url", "URL", m));
    }

    static void domains(LocalTransform in, MaltegoResponse out, Transforms.Context context) throws IOException {
        Path file = file(in);
        find(DOMAIN, read(file, out), m -> out.entity("netcap.Domain", m).property("path", "Path", file.toString()));
    }

    static void addresses(LocalTransform in, MaltegoResponse out, Transforms.Context context) throws IOException {
        Path file = file(in);
        String text = read(file, out);
        for (Pattern p : new Pattern[] {IPV4, IPV6}) {
            find(p, text, m -> out.entity("netcap.IPAddr", m).property("path", "Path", file.toString())
                    .property(Transforms.IPADDR, Transforms.IPADDR_LABEL, m));
        }
    }

    static void emails(LocalTransform in, MaltegoResponse out, Transforms.Context context) throws IOException {
        Path file = file(in);
        find(EMAIL, read(file, out), m -> out.entity("netcap.Email", m).property("path", "Path", file.toString()));
    }

    /**
     * toFileType: what file(1), libmagic's command, says the extracted file is ({@code JPEG image data, JFIF
     * standard 1.02, ...}), as the original asked it. The original gave it the entity's {@code path}, which on its
     * file entities is the record file, so that it described {@code File.ncap.gz}; here the file is the
     * entity's {@code location}.
     */
    static void fileType(LocalTransform in, MaltegoResponse out, Transforms.Context context) throws IOException {
        Path file = file(in);
        head(file, 0); // a missing file or a directory fails here, named, before file(1) runs
        String said = Launchers.run(context, List.of("file", "-b", "--", file.toString()));
        out.entity("netcap.FileType", said).property("path", "Path", file.toString());
    }

    /**
     * toPhoneNumbersFromFile: the phone numbers of the file as libphonenumber's matcher finds them in text, valid
     * numbers only, those without a country code read as the original reads them, as numbers of the US; the text as
     * found is the value, the number in E.164 form a property. The original took every run its own pattern matched
     * (dates and prices too) and kept those the library's Go port called valid.
     */
    static void phoneNumbers(LocalTransform in, MaltegoResponse out, Transforms.Context context) throws IOException {
        Path file = file(in);
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        String text = read(file, out);
        for (PhoneNumberMatch m : util.findNumbers(text, "US", PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
            out.entity("netcap.PhoneNumber", m.rawString()).property("path", "Path", file.toString())
                    .property("properties.phonenumber", "Phone Number", m.rawString())
                    .property("e164", "E.164", util.format(m.number(), PhoneNumberUtil.PhoneNumberFormat.E164));
        }
    }

    /**
     * toExifDataForImage: an entity per EXIF tag of the image (its IFD0, Exif, GPS, interoperability and thumbnail
     * directories, as the original's EXIF library flattens them), {@code Tag (directory) = value} with the value as
     * metadata-extractor describes it; the directory keeps the thumbnail's resolution apart from the image's. Only
     * the file's first {@link #READ} bytes are read (EXIF stands at an image's start); a file that is no image, or
     * whose metadata does not parse, answers with a message, never a failure of the transform, since an extracted
     * file is whatever the traffic carried.
     */
    static void exif(LocalTransform in, MaltegoResponse out, Transforms.Context context) throws IOException {
        Path file = in.get("fullImage").isEmpty() ? file(in) : Path.of(Transforms.withoutFileScheme(
                decoded(in.get("fullImage"), "fullImage")));
        byte[] head = head(file, READ);
        Metadata metadata;
        try {
            metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(head));
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            out.message(MaltegoResponse.INFORM, file + ": no EXIF data (" + e.getMessage() + ")");
            return;
        }
        int entries = 0;
        for (Directory d : metadata.getDirectories()) {
            if (!(d instanceof ExifDirectoryBase)) {
                continue;
            }
            for (Tag t : d.getTags()) {
                String value = t.getDescription();
                String entry = t.getTagName() + " (" + d.getName() + ") = " + (value == null ? "" : value);
                out.entity("netcap.ExifEntry", entry)
                        .property("path", "Path", file.toString())
                        .property("directory", "Directory", d.getName())
                        .property("tag", "Tag", String.format("0x%04x", t.getTagType()));
                entries++;
            }
        }
        if (entries == 0) {
            out.message(MaltegoResponse.INFORM, file + ": no EXIF data");
        }
    }

    private static void find(Pattern p, String text, java.util.function.Consumer<String> each) {
        for (Matcher m = p.matcher(text); m.find(); ) {
            each.accept(m.group());
        }
    }

    /**
     * The file of the input: its {@code location} (relative to the folder above its record file's, where the capture
     * ran, as toFiles resolves it), else {@code properties.url} URL-decoded, each without a {@code file://} prefix.
     */
    static Path file(LocalTransform in) throws Failure {
        String location = Transforms.withoutFileScheme(in.get("location"));
        if (location.isEmpty()) {
            location = Transforms.withoutFileScheme(decoded(in.get("properties.url"), "properties.url"));
        }
        if (location.isEmpty()) {
            throw new Failure("neither location nor properties.url set");
        }
        Path p = Path.of(location);
        if (!p.isAbsolute() && !in.get("path").isEmpty()) {
            Path stored = Transforms.stored(Transforms.path(in), location);
            if (Files.exists(stored)) {
                return stored;
            }
        }
        return p;
    }

    /**
     * The first {@code limit} bytes of the file, or the transform's failure naming it: a directory, a missing or
     * unreadable file.
     */
    static byte[] head(Path file, int limit) throws Failure {
        if (Files.isDirectory(file)) {
            throw new Failure(file + ": a directory, not a file");
        }
        try (InputStream s = Files.newInputStream(file)) {
            return s.readNBytes(limit);
        } catch (NoSuchFileException e) {
            throw new Failure(file + ": no such file");
        } catch (IOException e) {
            throw new Failure(file + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private static String decoded(String url, String property) throws Failure {
        try {
            return URLDecoder.decode(url, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Failure(property + ": " + e.getMessage());
        }
    }

    private static String read(Path file, MaltegoResponse out) throws IOException {
        byte[] head = head(file, READ + 1);
        if (head.length > READ) {
            out.message(MaltegoResponse.INFORM, file + ": only its first " + READ + " bytes read");
        }
        return new String(head, 0, Math.min(head.length, READ), StandardCharsets.ISO_8859_1);
    }
}
