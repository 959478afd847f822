package io.netcap.cli;

import io.netcap.io.RecordEncoding;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code -out} directory of a capture, checked before any packet is read (docs/engine.md, "Output
 * directory"): it must be a directory or creatable, and writable; record files of an earlier run are
 * only replaced with the user's consent.
 */
final class OutputDirectory {
    /** An output that cannot be used; the message names the path and the operating system's reason. */
    static final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    private OutputDirectory() {}

    /** Creates the directory if needed and proves it writable by creating and removing a file in it. */
    static void prepare(Path dir) throws Unusable {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new Unusable("-out " + dir + ": Not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new Unusable("-out " + dir + ": cannot create: " + reason(e, dir));
        }
        try {
            Files.delete(Files.createTempFile(dir, ".netcap-write-test", null));
        } catch (IOException e) {
            throw new Unusable("-out " + dir + ": cannot write into it: " + reason(e, dir));
        }
    }

    /** The operating system's reason, with the path only when it is not {@code -out} or a file in it (a parent). */
    private static String reason(IOException e, Path dir) {
        if (!(e instanceof FileSystemException f)) {
            return String.valueOf(e.getMessage());
        }
        Path failed = (f.getFile() == null ? dir : Path.of(f.getFile())).toAbsolutePath();
        Path out = dir.toAbsolutePath();
        return failed.equals(out) || out.equals(failed.getParent()) ? IoReason.reason(f) : IoReason.describe(f);
    }

    /** The record files ({@code <Type>.ncap[.gz]}, and those of -csv and -json) in {@code dir}. */
    static List<Path> recordFiles(Path dir) {
        List<Path> found = new ArrayList<>();
        for (RecordType t : RecordType.values()) {
            for (RecordEncoding e : List.of(RecordEncoding.PROTO, RecordEncoding.CSV, RecordEncoding.JSON)) {
                for (boolean gzip : new boolean[] {false, true}) {
                    Path p = dir.resolve(e.fileName(t.fileName(), gzip));
                    if (Files.isRegularFile(p)) {
                        found.add(p);
                    }
                }
            }
        }
        return found;
    }

    /** Removes the earlier run's record files the user agreed to replace. */
    static void remove(List<Path> files) throws Unusable {
        for (Path p : files) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new Unusable("cannot remove " + p + ": " + IoReason.describe(e));
            }
        }
    }
}
