package io.netcap.decoder.stream.files;

import io.netcap.decoder.stream.Conversation;
import io.netcap.types.RecordType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One file being extracted. The first {@value FileStore#SNIFF_BYTES} bytes are held to sniff the type; then
 * a temporary file is opened in the type directory and every byte streams through MD5 and SHA-256 into it. At
 * {@link #close} the file gets its final name (with {@code incomplete-} when cut) and its {@code File} record;
 * a body that stays under the sniffing size never touches a temporary file. Failures are counted, and the
 * file's remaining bytes are discarded.
 */
final class StoredFile {
    private final FileStore store;
    private final FileOrigin origin;
    private final String name;
    private final String contentType;
    private final byte[] head = new byte[FileStore.SNIFF_BYTES];
    private final MessageDigest md5 = digest("MD5");
    private final MessageDigest sha256 = digest("SHA-256");
    private int headLen;
    private long length;
    private String type;
    private Path directory;
    private Path temp;
    private OutputStream out;
    private boolean failed;

    StoredFile(FileStore store, FileOrigin origin, String name, String contentType) {
        this.store = store;
        this.origin = origin;
        this.name = name;
        this.contentType = contentType == null ? "" : contentType;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
    }

    void write(byte[] b, int off, int len) {
        if (failed || len <= 0) {
            return;
        }
        md5.update(b, off, len);
        sha256.update(b, off, len);
        length += len;
        if (out == null) {
            int n = Math.min(len, head.length - headLen);
            System.arraycopy(b, off, head, headLen, n);
            headLen += n;
            off += n;
            len -= n;
            if (headLen < head.length) {
                return;
            }
            if (!openTemporary()) {
                return;
            }
        }
        if (len > 0) {
            output(b, off, len);
        }
    }

    private boolean openTemporary() {
        sniff();
        if (directory == null) {
            fail();
            return false;
        }
        for (int attempt = 0; attempt < 3 && out == null; attempt++) {
            Path t = directory.resolve(".netcap-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
            try {
                out = new BufferedOutputStream(Files.newOutputStream(t, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE), store.limits().outputBuffer());
                temp = t;
            } catch (FileAlreadyExistsException e) {
                // another name
            } catch (IOException | SecurityException e) {
                break;
            }
        }
        if (out == null) {
            fail();
            return false;
        }
        output(head, 0, headLen);
        return !failed;
    }

    private void output(byte[] b, int off, int len) {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            fail();
        }
    }

    private void sniff() {
        if (type == null) {
            type = store.sniff(Arrays.copyOf(head, headLen));
            directory = store.typeDirectory(type);
        }
    }

    /** Counts the failure once and removes what was written. */
    private void fail() {
        if (!failed) {
            failed = true;
            store.counters().writeFailures.incrementAndGet();
        }
        discard();
    }

    private void discard() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // the file is deleted anyway
            }
            out = null;
        }
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // a leftover .part file; counted with the failure that led here
            }
            temp = null;
        }
    }

    void close(boolean complete) {
        FileCounters c = store.counters();
        if (failed) {
            return;
        }
        if (length == 0) {
            c.emptyBodies.incrementAndGet();
            return;
        }
        if (!complete && !store.writeIncomplete()) {
            discard();
            c.incompleteDiscarded.incrementAndGet();
            return;
        }
        sniff();
        if (directory == null) {
            fail();
            return;
        }
        String safe = SafeNames.component(name);
        if (name != null && !safe.equals(name)) {
            c.namesNeutralised.incrementAndGet();
        }
        Conversation conv = origin.conversation();
        String flow = SafeNames.component(conv.cleanIdent());
        String extension = MimeExtensions.extension(type);
        Path target = place(FileStore.name(directory.toString(), complete, safe, flow, extension));
        if (target == null) {
            fail();
            return;
        }
        if (!store(target)) {
            fail();
            try {
                Files.deleteIfExists(target);
            } catch (IOException e) {
                // an empty placeholder stays behind
            }
            return;
        }
        c.filesWritten.incrementAndGet();
        c.bytesWritten.addAndGet(length);
        if (!complete) {
            c.incompleteWritten.incrementAndGet();
        }
        store.records().accept(RecordType.File, record(conv, safe, extension, target));
    }

    /** Reserves the final name: the first free of name, name-0, name-1, ... (created empty, atomically). */
    private Path place(FileStore.Name n) {
        String key = directory + "/" + n.stem() + "\0" + n.extension();
        int first = store.firstSuffix(key);
        for (int i = first; i < first + FileStore.MAX_COLLISIONS; i++) {
            Path p = directory.resolve(n.withSuffix(i));
            if (!store.inside(p, 3) || !directory.equals(p.getParent())) {
                return null;
            }
            try {
                Files.createFile(p);
                store.usedSuffix(key, i);
                return p;
            } catch (FileAlreadyExistsException e) {
                // taken: next suffix
            } catch (IOException | SecurityException e) {
                return null;
            }
        }
        return null;
    }

    /** Moves the temporary file onto the reserved name, or writes a small body there. */
    private boolean store(Path target) {
        try {
            if (out == null) {
                Files.write(target, Arrays.copyOf(head, headLen), StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                return true;
            }
            out.close();
            out = null;
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            return true;
        } catch (IOException | SecurityException e) {
            discard();
            return false;
        }
    }

    private io.netcap.types.File record(Conversation conv, String safe, String extension, Path target) {
        HexFormat hex = HexFormat.of();
        // the original appends the extension when the name has none (Go's filepath.Ext)
        String recordName = safe.lastIndexOf('.') >= 0 ? safe : safe + extension;
        return io.netcap.types.File.newBuilder()
                .setTimestamp(origin.timestampNanos())
                .setName(recordName)
                .setLength(length)
                .setHash(hex.formatHex(md5.digest()))
                .setLocation(target.toString())
                .setIdent(conv.ident())
                .setSource(nonNull(origin.source()))
                .setContentType(contentType.isEmpty() ? type : contentType)
                .setHost(nonNull(origin.host()))
                .setContentTypeDetected(type)
                .setSrcIP(conv.clientIp())
                .setDstIP(conv.serverIp())
                // swapped against the IPs, as the original writes them
                .setSrcPort(conv.serverPort())
                .setDstPort(conv.clientPort())
                .setSHA256(hex.formatHex(sha256.digest()))
                .build();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
