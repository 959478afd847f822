package io.netcap.decoder.stream;

import io.netcap.decoder.AppDecoding;
import io.netcap.decoder.stream.files.FileExtraction;
import io.netcap.decoder.stream.ftp.FtpDataChannels;

/**
 * What a stream parser writes to: the worker's records, file extraction ({@link FileExtraction#OFF} unless
 * {@code -fileStorage} is set), the error counters (kinds such as {@code MALFORMED_HTTP}) and the capture-wide
 * table of announced FTP data connections, shared by every worker's environment.
 */
public record StreamEnv(AppDecoding.Sink records, FileExtraction files, StreamErrors errors,
                        FtpDataChannels ftpData) {
    /** An environment with a table of FTP data connections of its own (one worker, tests). */
    public StreamEnv(AppDecoding.Sink records, FileExtraction files, StreamErrors errors) {
        this(records, files, errors, new FtpDataChannels());
    }

    /** Counts a problem of a stream (no packet to write to errors.pcap: the stream has many). */
    @FunctionalInterface
    public interface StreamErrors {
        void error(String kind, Conversation conversation, String message);
    }
}
