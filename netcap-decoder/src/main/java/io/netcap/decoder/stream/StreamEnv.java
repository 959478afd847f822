package io.netcap.decoder.stream;

import io.netcap.decoder.AppDecoding;
import io.netcap.decoder.stream.credentials.Harvesting;
import io.netcap.decoder.stream.files.FileExtraction;
import io.netcap.decoder.stream.ftp.FtpDataChannels;
import io.netcap.decoder.stream.software.SoftwareStore;

/**
 * What a stream parser writes to: the worker's records, file extraction ({@link FileExtraction#OFF} unless
 * {@code -fileStorage} is set), the error counters (kinds such as {@code MALFORMED_HTTP}), the capture-wide
 * tables ({@link StreamShared}) and this worker's credential harvesting, which every session feeds whatever its
 * parser (null when Credentials records are off).
 */
public record StreamEnv(AppDecoding.Sink records, FileExtraction files, StreamErrors errors, StreamShared shared,
                        Harvesting harvesting) {
    /** An environment with tables of its own (one worker, tests). */
    public StreamEnv(AppDecoding.Sink records, FileExtraction files, StreamErrors errors) {
        this(records, files, errors, StreamShared.standalone());
    }

    public StreamEnv(AppDecoding.Sink records, FileExtraction files, StreamErrors errors, StreamShared shared) {
        this(records, files, errors, shared, null);
    }

    public FtpDataChannels ftpData() {
        return shared.ftpData();
    }

    public SoftwareStore software() {
        return shared.software();
    }

    /** This conversation of {@code protocol} turned encrypted: its parsing ends, counted, not an error. */
    public void encrypted(String protocol) {
        shared.encrypted().count(protocol);
    }

    /** Counts a problem of a stream (no packet to write to errors.pcap: the stream has many). */
    @FunctionalInterface
    public interface StreamErrors {
        void error(String kind, Conversation conversation, String message);
    }
}
