package io.netcap.decoder.stream.credentials;

import io.netcap.decoder.AppDecoding;
import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.types.Credentials;
import io.netcap.types.RecordType;
import java.util.regex.Pattern;

/**
 * One worker's credential harvesting (docs/streams.md, "Credentials"): opens a {@link ConversationHarvest} per
 * conversation, offers each credential found to the capture-wide {@link CredentialStore} (which writes the
 * earliest of each key when the capture ends) and counts. Used by the worker's thread only; the store is the
 * shared part.
 */
public final class Harvesting {
    private final HarvestConfig config;
    private final Pattern custom;
    private final CredentialStore store;
    private final AppDecoding.Sink records;
    private final StreamEnv.StreamErrors errors;
    private long written;
    private long duplicates;
    private long unremembered;
    private long malformed;
    private long failures;

    /** @throws java.util.regex.PatternSyntaxException for a bad {@code -reCustom} (the flags check it first) */
    public Harvesting(HarvestConfig config, CredentialStore store, AppDecoding.Sink records,
                      StreamEnv.StreamErrors errors) {
        this.config = config;
        this.errors = errors;
        this.custom = config.custom().isEmpty() ? null : Pattern.compile(config.custom());
        this.store = store;
        this.records = records;
    }

    public ConversationHarvest open(Conversation c) {
        return new ConversationHarvest(this, c);
    }

    HarvestConfig config() {
        return config;
    }

    Pattern custom() {
        return custom;
    }

    /**
     * Offers a credential to the store, which writes it at the end unless an earlier one has its key;
     * {@code flow} false for the custom regex's, which carry only notes (the original sets neither timestamp
     * nor flow on them).
     */
    void write(Conversation c, String service, String user, String password, String notes, boolean flow) {
        Credentials.Builder r = Credentials.newBuilder().setService(service).setUser(user).setPassword(password)
                .setNotes(notes);
        if (flow) {
            r.setTimestamp(c.firstSeenNanos()).setFlow(c.ident());
        }
        Credentials record = r.build();
        switch (store.offer(record)) {
            case NEW -> written++;
            case DUPLICATE -> duplicates++;
            case UNREMEMBERED -> {
                written++;
                unremembered++;
                records.accept(RecordType.Credentials, record);
            }
        }
    }

    void countMalformed() {
        malformed++;
    }

    void failure(Conversation c, RuntimeException e) {
        failures++;
        errors.error("DECODER_FAILURE_CREDENTIALS", c, e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /** Credentials new to the store (written at the end) or written at once past its cap. */
    public long written() {
        return written;
    }

    /** Credentials found again (in this or another worker's conversations): one record for all. */
    public long duplicates() {
        return duplicates;
    }

    /** Credentials written at once past the store's cap: a later repeat of them is written again. */
    public long unremembered() {
        return unremembered;
    }

    /** Login values that did not decode (bad base64, a PLAIN token without NULs). */
    public long malformed() {
        return malformed;
    }

    /** Conversations whose harvesting stopped on an internal error. */
    public long failures() {
        return failures;
    }
}
