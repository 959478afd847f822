package io.netcap.decoder.stream.files;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What file extraction did, for {@code summary.json} (docs/streams.md, "File extraction"). Counted per body or
 * per file, never per byte written, so the counters may be shared by the stores of several workers.
 */
public final class FileCounters {
    final AtomicLong filesWritten = new AtomicLong();
    final AtomicLong bytesWritten = new AtomicLong();
    final AtomicLong incompleteWritten = new AtomicLong();
    final AtomicLong incompleteDiscarded = new AtomicLong();
    final AtomicLong emptyBodies = new AtomicLong();
    final AtomicLong namesNeutralised = new AtomicLong();
    final AtomicLong typesRefused = new AtomicLong();
    final AtomicLong writeFailures = new AtomicLong();
    final AtomicLong openFilesCapRefusals = new AtomicLong();
    final AtomicLong bodyLimitCuts = new AtomicLong();
    final AtomicLong multipartFileParts = new AtomicLong();
    final AtomicLong multipartMalformed = new AtomicLong();

    /** Files stored with a File record, incomplete ones included. */
    public long filesWritten() {
        return filesWritten.get();
    }

    /** Bytes of the stored files. */
    public long bytesWritten() {
        return bytesWritten.get();
    }

    /** Cut bodies stored as {@code incomplete-...} ({@code -writeincomplete}). */
    public long incompleteWritten() {
        return incompleteWritten.get();
    }

    /** Cut bodies deleted because {@code -writeincomplete} is off. */
    public long incompleteDiscarded() {
        return incompleteDiscarded.get();
    }

    /** Bodies without a byte, never stored (as in the original). */
    public long emptyBodies() {
        return emptyBodies.get();
    }

    /** Names from the traffic that had to be changed to be a safe file name (path separators, control characters, ...). */
    public long namesNeutralised() {
        return namesNeutralised.get();
    }

    /** Sniffed types that were no valid media type name (or no type at all); stored as {@code application/octet-stream}. */
    public long typesRefused() {
        return typesRefused.get();
    }

    /** Files that could not be created, written or renamed (disk full, permissions, a path outside the store). */
    public long writeFailures() {
        return writeFailures.get();
    }

    /** Bodies not extracted because the store already had its cap of files open. */
    public long openFilesCapRefusals() {
        return openFilesCapRefusals.get();
    }

    /** Bodies cut at the body size cap, their rest discarded (the file is incomplete). */
    public long bodyLimitCuts() {
        return bodyLimitCuts.get();
    }

    /** Parts of {@code multipart/form-data} bodies that carried a file name (each one file). */
    public long multipartFileParts() {
        return multipartFileParts.get();
    }

    /** Multipart bodies without their close delimiter, or with a part header block over the cap. */
    public long multipartMalformed() {
        return multipartMalformed.get();
    }
}
