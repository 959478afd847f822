package io.netcap.decoder.stream;

import io.netcap.decoder.stream.credentials.CredentialStore;
import io.netcap.decoder.stream.ftp.FtpDataChannels;
import io.netcap.decoder.stream.software.SoftwareStore;

/**
 * The capture-wide tables every worker's stream layer shares: flows are sharded over the workers, but what one
 * conversation announces or finds may concern another worker's (an FTP data connection) or must be written
 * once for the whole capture (a Software product).
 *
 * @param ftpData  announced FTP data connections
 * @param software Software records, de-duplicated ({@link SoftwareStore#OFF} unless selected)
 * @param credentials Credentials records, de-duplicated; null when they are off
 * @param services    sees every TCP conversation for the Service records; null when they are off
 * @param encrypted   conversations that turned encrypted, per protocol
 * @param debug       {@code -debug}'s line per conversation; null without it
 * @param trace       the reassembly log's trace ({@code -tcp-debug}, {@code -reassembly-debug}, {@code -hexdump}); null
 *                    without them
 */
public record StreamShared(FtpDataChannels ftpData, SoftwareStore software, CredentialStore credentials,
                           ConversationTap.Factory services, EncryptedSessions encrypted, StreamDebug debug,
                           ReassemblyTrace trace) {
    /** Tables of one's own: one worker, or a test. */
    public static StreamShared standalone() {
        return new StreamShared(new FtpDataChannels(), SoftwareStore.OFF, null, null, new EncryptedSessions(), null, null);
    }

    public StreamShared withSoftware(SoftwareStore s) {
        return new StreamShared(ftpData, s, credentials, services, encrypted, debug, trace);
    }

    public StreamShared withFtpData(FtpDataChannels f) {
        return new StreamShared(f, software, credentials, services, encrypted, debug, trace);
    }
}
