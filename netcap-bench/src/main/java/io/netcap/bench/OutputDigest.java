package io.netcap.bench;

import com.google.protobuf.Message;
import io.netcap.io.RecordReader;
import io.netcap.types.format.JsonFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Compares the output trees of two {@code net capture} builds record by record, in one JVM instead of
 * one {@code net dump} per file. A record is its {@code net dump -json} line; a file is the multiset
 * of its lines, so record order (which parallel decoding does not fix) does not matter. A tree holds
 * one directory per capture with its {@code <Type>.ncap.gz} files; the key of a file is
 * {@code <capture>/<Type>}.
 *
 * <pre>
 * OutputDigest DIR                       one line per file: key, record count, SHA-256 of the sorted lines
 * OutputDigest -diff OLD NEW KEY...      per key: key, records only in OLD, records only in NEW
 * OutputDigest -show OLD NEW KEY         the differing records of one key, "-" old and "+" new
 * </pre>
 *
 * A file that cannot be read counts as one line {@code !error: <message>}, so a truncated file
 * differs from a complete one instead of stopping the comparison.
 */
public final class OutputDigest {
    private static final String SUFFIX = ".ncap.gz";

    private OutputDigest() {}

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        if (args.length == 1) {
            digest(Path.of(args[0]), out);
        } else if (args.length >= 4 && args[0].equals("-diff")) {
            for (int i = 3; i < args.length; i++) {
                Difference d = difference(Path.of(args[1]), Path.of(args[2]), args[i]);
                out.println(args[i] + " " + d.onlyOld().size() + " " + d.onlyNew().size());
            }
        } else if (args.length == 4 && args[0].equals("-show")) {
            Difference d = difference(Path.of(args[1]), Path.of(args[2]), args[3]);
            d.onlyOld().forEach(line -> out.println("- " + line));
            d.onlyNew().forEach(line -> out.println("+ " + line));
        } else {
            System.err.println("usage: OutputDigest DIR | -diff OLD NEW KEY... | -show OLD NEW KEY");
            System.exit(2);
        }
        out.flush();
    }

    private static void digest(Path root, PrintStream out) throws IOException {
        for (Map.Entry<String, Path> e : files(root).entrySet()) {
            List<String> lines = sortedLines(e.getValue());
            out.println(e.getKey() + " " + lines.size() + " " + sha256(lines));
        }
    }

    /** The files of a tree by key, in key order. */
    static TreeMap<String, Path> files(Path root) throws IOException {
        TreeMap<String, Path> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p))
                    .forEach(p -> files.put(key(root, p), p));
        }
        return files;
    }

    private static String key(Path root, Path file) {
        String rel = root.relativize(file).toString();
        return rel.substring(0, rel.length() - SUFFIX.length());
    }

    /** The JSON lines of one file, sorted; an unreadable file adds its error as a line. */
    static List<String> sortedLines(Path file) {
        List<String> lines = new ArrayList<>();
        StringBuilder sb = new StringBuilder(1024);
        try (RecordReader reader = RecordReader.open(file)) {
            for (Message m = reader.next(); m != null; m = reader.next()) {
                sb.setLength(0);
                JsonFormat.dump().append(sb, m);
                lines.add(sb.toString());
            }
        } catch (IOException | RuntimeException e) {
            lines.add("!error: " + e.getMessage());
        }
        lines.sort(null);
        return lines;
    }

    private static String sha256(List<String> lines) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
        for (String line : lines) {
            md.update(line.getBytes(StandardCharsets.UTF_8));
            md.update((byte) '\n');
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The lines of {@code key} in one tree and not the other, counted as multisets; a missing file has none. */
    static Difference difference(Path oldRoot, Path newRoot, String key) {
        List<String> oldLines = linesOf(oldRoot, key);
        List<String> newLines = linesOf(newRoot, key);
        Map<String, Integer> balance = new HashMap<>();
        oldLines.forEach(l -> balance.merge(l, 1, Integer::sum));
        newLines.forEach(l -> balance.merge(l, -1, Integer::sum));
        List<String> onlyOld = new ArrayList<>();
        List<String> onlyNew = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String l : oldLines) {
            int n = balance.get(l);
            if (n > 0 && seen.add(l)) {
                for (int i = 0; i < n; i++) onlyOld.add(l);
            }
        }
        for (String l : newLines) {
            int n = balance.get(l);
            if (n < 0 && seen.add(l)) {
                for (int i = 0; i < -n; i++) onlyNew.add(l);
            }
        }
        return new Difference(onlyOld, onlyNew);
    }

    private static List<String> linesOf(Path root, String key) {
        Path file = root.resolve(key + SUFFIX);
        return Files.isRegularFile(file) ? sortedLines(file) : List.of();
    }

    record Difference(List<String> onlyOld, List<String> onlyNew) {}
}
