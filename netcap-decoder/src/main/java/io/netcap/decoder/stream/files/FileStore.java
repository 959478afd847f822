package io.netcap.decoder.stream.files;

import io.netcap.decoder.AppDecoding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * File extraction to {@code <out>/<fileStorage>/<sniffed type>/<name>-<flow><ext>} with a {@code File} record
 * per stored file (docs/streams.md, "File extraction"). Each body streams to a temporary file in its type
 * directory through MD5 and SHA-256, and is renamed to its final name when it ends, because only then is it
 * known whether it was complete; so memory per body is a 512-byte sniffing buffer and the output buffer,
 * whatever the size of the file. A {@code multipart/form-data} body is split and each of its file parts stored
 * as its own file.
 *
 * <p>Names from the traffic are made into one safe component ({@link SafeNames}) and every path is checked to
 * lie in its type directory under the store; a file that cannot be written is counted, never thrown.
 * One store serves one worker; several may share their {@link FileCounters}.
 */
public final class FileStore implements FileExtraction {
    /** Bytes given to the type sniffer: the WHATWG MIME sniffing algorithm's resource header. */
    public static final int SNIFF_BYTES = 512;
    /** The original cut paths longer than this many bytes and appended {@code ...}. */
    static final int MAX_PATH_BYTES = 250;
    /** Bytes of the name a cut leaves at least, however long the directory is. */
    static final int MIN_CUT_NAME_BYTES = 16;
    /** Collision suffixes tried for one name before the file is given up. */
    static final int MAX_COLLISIONS = 100_000;
    private static final int SUFFIX_MEMO = 4096;
    private static final String OCTET_STREAM = "application/octet-stream";

    /**
     * @param maxOpenBodies bodies open at once (each holds a file descriptor and buffers); more are not
     *                      extracted and are counted
     * @param maxBodyBytes  bytes of one body stored, 0 for no limit; the rest of a longer body is discarded and
     *                      the file is incomplete (for a multipart body the limit counts the whole body)
     * @param outputBuffer  bytes of the output buffer of each open file
     */
    public record Limits(int maxOpenBodies, long maxBodyBytes, int outputBuffer) {
        public Limits {
            if (maxOpenBodies < 1 || maxBodyBytes < 0 || outputBuffer < 512) {
                throw new IllegalArgumentException("file store limits " + maxOpenBodies + ", " + maxBodyBytes
                        + ", " + outputBuffer);
            }
        }

        public static Limits defaults() {
            return new Limits(1024, 0, 32 * 1024);
        }
    }

    private final Path root;
    private final Path absoluteRoot;
    private final boolean writeIncomplete;
    private final AppDecoding.Sink records;
    private final FileCounters counters;
    private final Function<byte[], String> sniffer;
    private final Limits limits;
    private final AtomicInteger openBodies = new AtomicInteger();
    /** next collision suffix per directory and stem, so a name repeated n times costs no n^2 probes */
    private final Map<String, Integer> nextSuffix = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > SUFFIX_MEMO;
        }
    };

    /**
     * @param out             the output directory ({@code -out})
     * @param storageDir      the directory under it ({@code -fileStorage}), joined as a path; never empty
     * @param writeIncomplete also store bodies that were cut ({@code -writeincomplete})
     * @param records         where the {@code File} records go
     * @param sniffer         the MIME type of a body from its first (up to) {@value #SNIFF_BYTES} bytes
     */
    public FileStore(Path out, String storageDir, boolean writeIncomplete, AppDecoding.Sink records,
                     FileCounters counters, Function<byte[], String> sniffer) {
        this(out, storageDir, writeIncomplete, records, counters, sniffer, Limits.defaults());
    }

    public FileStore(Path out, String storageDir, boolean writeIncomplete, AppDecoding.Sink records,
                     FileCounters counters, Function<byte[], String> sniffer, Limits limits) {
        if (storageDir == null || storageDir.isEmpty()) {
            throw new IllegalArgumentException("file storage directory must not be empty");
        }
        // joined like the original's path.Join: an absolute -fileStorage still lies under -out
        this.root = Path.of(out.toString(), storageDir).normalize();
        this.absoluteRoot = root.toAbsolutePath().normalize();
        this.writeIncomplete = writeIncomplete;
        this.records = records;
        this.counters = counters;
        this.sniffer = sniffer;
        this.limits = limits;
    }

    /** The storage directory, {@code <out>/<fileStorage>}. */
    public Path root() {
        return root;
    }

    public FileCounters counters() {
        return counters;
    }

    /** Bodies open now. */
    public int openBodies() {
        return openBodies.get();
    }

    @Override
    public BodySink open(FileOrigin origin) {
        if (origin == null) {
            return null;
        }
        if (openBodies.incrementAndGet() > limits.maxOpenBodies()) {
            openBodies.decrementAndGet();
            counters.openFilesCapRefusals.incrementAndGet();
            return null;
        }
        if (origin.multipartBoundary() != null && MultipartSplitter.usable(origin.multipartBoundary())) {
            return new MultipartBody(this, origin);
        }
        return new PlainBody(this, origin);
    }

    boolean writeIncomplete() {
        return writeIncomplete;
    }

    AppDecoding.Sink records() {
        return records;
    }

    Limits limits() {
        return limits;
    }

    void bodyClosed() {
        openBodies.decrementAndGet();
    }

    /** A new file for one body (or one multipart file part). */
    StoredFile file(FileOrigin origin, String name, String contentType) {
        return new StoredFile(this, origin, name, contentType);
    }

    /**
     * The sniffed type of a body's first bytes as a media type name without parameters, lower case; a type
     * that is no valid name (or a failing sniffer) gives {@code application/octet-stream}, counted.
     */
    String sniff(byte[] head) {
        String t;
        try {
            t = sniffer.apply(head);
        } catch (RuntimeException e) {
            t = null;
        }
        String type = SafeNames.typeDirectory(t);
        if (type == null) {
            counters.typesRefused.incrementAndGet();
            return OCTET_STREAM;
        }
        return type;
    }

    /** The directory {@code <root>/<type>} for a sniffed type, created if needed; null when impossible. */
    Path typeDirectory(String type) {
        Path p = root.resolve(type).normalize();
        if (SafeNames.typeDirectory(type) == null || !inside(p, 2)) {
            return null;
        }
        try {
            Files.createDirectories(p);
            return p;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** True when {@code p} lies exactly {@code depth} levels below the store's root. */
    boolean inside(Path p, int depth) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(absoluteRoot) && abs.getNameCount() == absoluteRoot.getNameCount() + depth;
    }

    /** The first suffix to try for a stem in a directory (-1: none), remembered between files. */
    synchronized int firstSuffix(String key) {
        return nextSuffix.getOrDefault(key, -1);
    }

    synchronized void usedSuffix(String key, int n) {
        nextSuffix.put(key, n + 1);
    }

    /**
     * The name of a stored file, as the original forms it: {@code [incomplete-]<name>-<flow><ext>}, and when the
     * path {@code <dir>/<that>} is longer than {@value #MAX_PATH_BYTES} bytes, cut there and {@code ...}
     * appended (the extension is lost, as in the original). Unlike the original, the cut never reaches into the
     * directory: it leaves at least {@value #MIN_CUT_NAME_BYTES} bytes of the name. Collision suffixes go
     * between {@link Name#stem()} and {@link Name#extension()}.
     */
    static Name name(String directory, boolean complete, String safeName, String flow, String extension) {
        String base = (complete ? "" : "incomplete-") + safeName + "-" + flow;
        int dirBytes = SafeNames.utf8Length(directory) + 1;
        int nameBytes = SafeNames.utf8Length(base + extension);
        if (dirBytes + nameBytes <= MAX_PATH_BYTES) {
            return new Name(base, extension);
        }
        int keep = Math.max(MAX_PATH_BYTES - dirBytes, MIN_CUT_NAME_BYTES);
        if (keep >= nameBytes) {
            return new Name(base, extension);
        }
        return new Name(SafeNames.cut(base + extension, keep) + "...", "");
    }

    /** A file name as stem and extension, for collision suffixes in between. */
    record Name(String stem, String extension) {
        String withSuffix(int n) {
            return n < 0 ? stem + extension : stem + "-" + n + extension;
        }
    }
}
