package io.netcap.decoder.stream;

import io.netcap.decoder.AppDecoding;
import io.netcap.decoder.stream.credentials.Harvesting;
import io.netcap.decoder.stream.files.FileExtraction;

/**
 * What a stream parser writes to: the worker's records, file extraction ({@link FileExtraction#OFF} unless
 * {@code -fileStorage} is set) and the error counters (kinds such as {@code MALFORMED_HTTP}); and the credential
 * harvesting every session feeds, whatever its parser (null when Credentials records are off).
 */
public record StreamEnv(AppDecoding.Sink records, FileExtraction files, StreamErrors errors, Harvesting harvesting) {
    public StreamEnv(AppDecoding.Sink records, FileExtraction files, StreamErrors errors) {
        this(records, files, errors, null);
    }

    /** Counts a problem of a stream (no packet to write to errors.pcap: the stream has many). */
    @FunctionalInterface
    public interface StreamErrors {
        void error(String kind, Conversation conversation, String message);
    }
}
