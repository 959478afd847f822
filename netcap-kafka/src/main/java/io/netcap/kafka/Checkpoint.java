package io.netcap.kafka;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * What the collector has made durable (docs/scale-out.md, "Exactly once"): for every file its length
 * at the last checkpoint, and for every partition the offset of the next record not in those lengths.
 * Kept in {@code OUT/.kafka-checkpoint}, replaced atomically (written beside, forced, renamed, the
 * directory forced), so it always describes one consistent moment.
 *
 * <pre>
 * netcap-kafka-checkpoint 1
 * file &lt;length&gt; &lt;sensor&gt; &lt;Type&gt; &lt;path under OUT&gt;
 * offset &lt;next offset&gt; &lt;partition&gt; &lt;topic&gt;
 * </pre>
 */
final class Checkpoint {
    static final String NAME = ".kafka-checkpoint";
    private static final String MAGIC = "netcap-kafka-checkpoint 1";

    /** A file of one sensor and record type. */
    record FileState(String sensor, String type, String path, long length) {}

    /** By {@code sensor/Type}. */
    final Map<String, FileState> files = new TreeMap<>();
    final Map<TopicPartition, Long> offsets = new TreeMap<>(
            java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));

    static String key(String sensor, String type) {
        return sensor + "/" + type;
    }

    static Checkpoint read(Path dir) throws IOException {
        Checkpoint c = new Checkpoint();
        Path file = dir.resolve(NAME);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return c;
        }
        if (lines.isEmpty() || !lines.getFirst().equals(MAGIC)) {
            throw new IOException(file + ": not a collector checkpoint (first line is not '" + MAGIC + "')");
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(" ", 5);
            try {
                if (f[0].equals("file") && f.length == 5) {
                    if (!ownPath(f[2], f[3], f[4]) || Long.parseLong(f[1]) < 0) {
                        throw new IOException(file + ": line " + (i + 1) + " names no file of the collector: " + lines.get(i));
                    }
                    c.files.put(key(f[2], f[3]), new FileState(f[2], f[3], f[4], Long.parseLong(f[1])));
                } else if (f[0].equals("offset") && f.length == 4) {
                    c.offsets.put(new TopicPartition(f[3], Integer.parseInt(f[2])), Long.parseLong(f[1]));
                } else {
                    throw new IOException(file + ": line " + (i + 1) + " is neither a file nor an offset");
                }
            } catch (NumberFormatException e) {
                throw new IOException(file + ": line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return c;
    }

    /** {@code <sensor>/<Type>.ncap.gz} or {@code <sensor>/<Type>.<n>.ncap.gz}: never outside the directory. */
    static boolean ownPath(String sensor, String type, String path) {
        return Topics.validSensor(sensor) && Topics.type("", type).isPresent()
                && path.matches(java.util.regex.Pattern.quote(sensor + "/" + type) + "(\\.[0-9]{1,9})?\\.ncap\\.gz");
    }

    void write(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder(MAGIC).append('\n');
        files.values().forEach(f -> sb.append("file ").append(f.length()).append(' ').append(f.sensor()).append(' ')
                .append(f.type()).append(' ').append(f.path()).append('\n'));
        offsets.forEach((tp, o) -> sb.append("offset ").append(o).append(' ').append(tp.partition()).append(' ')
                .append(tp.topic()).append('\n'));
        Path tmp = dir.resolve(NAME + ".new");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(dir);
    }

    /** Makes a rename or a new file in {@code dir} durable. */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
