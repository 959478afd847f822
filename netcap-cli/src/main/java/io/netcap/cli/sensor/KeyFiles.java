package io.netcap.cli.sensor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;

/**
 * The key files of {@code net collect -gen-keypair}: {@code pub.key} and {@code priv.key}, each the 32-byte
 * key as 64 lower-case hexadecimal characters without newline, as the original writes them
 * (docs/scale-out.md, "Sensors"). Reading trims surrounding whitespace.
 */
public final class KeyFiles {
    public static final String PUBLIC = "pub.key";
    public static final String PRIVATE = "priv.key";

    private KeyFiles() {}

    /** Writes a fresh key pair into {@code dir}; the private key readable by its owner only. */
    public static void generate(Path dir, Sodium sodium) throws IOException {
        byte[][] pair = sodium.keyPair();
        Path priv = dir.resolve(PRIVATE);
        Files.deleteIfExists(priv);
        Files.createFile(priv, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(priv, HexFormat.of().formatHex(pair[1]), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve(PUBLIC), HexFormat.of().formatHex(pair[0]), StandardCharsets.US_ASCII);
    }

    /** A 32-byte key from its file; an {@link IOException} naming the file when it is not one. */
    public static byte[] read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (text.length() != 64 || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IOException(file + ": not a key (64 hexadecimal characters expected)");
        }
        return HexFormat.of().parseHex(text);
    }
}
