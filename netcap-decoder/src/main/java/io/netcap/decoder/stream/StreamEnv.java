package io.netcap.decoder.stream;

import io.netcap.decoder.AppDecoding;
import io.netcap.decoder.stream.files.FileExtraction;
import io.netcap.decoder.stream.software.SoftwareStore;

/**
 * What a stream parser writes to: the worker's records, file extraction ({@link FileExtraction#OFF} unless
 * {@code -fileStorage} is set), the error counters (kinds such as {@code MALFORMED_HTTP}) and the capture-wide
 * software table ({@link SoftwareStore#OFF} unless Software records are selected).
 */
public record StreamEnv(AppDecoding.Sink records, FileExtraction files, StreamErrors errors, SoftwareStore software) {
    public StreamEnv(AppDecoding.Sink records, FileExtraction files, StreamErrors errors) {
        this(records, files, errors, SoftwareStore.OFF);
    }

    /** Counts a problem of a stream (no packet to write to errors.pcap: the stream has many). */
    @FunctionalInterface
    public interface StreamErrors {
        void error(String kind, Conversation conversation, String message);
    }
}
