package io.netcap.decoder.stream.credentials;

import io.netcap.decoder.AppDecoding;
import io.netcap.decoder.ErrorCounts;
import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.types.Credentials;
import io.netcap.types.RecordType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One worker's credential harvesting (docs/streams.md, "Credentials"): opens a {@link ConversationHarvest} per
 * conversation, offers each credential found to the capture-wide {@link CredentialStore} (which writes the
 * earliest of each key when the capture ends) and counts. Used by the worker's thread only; the store is the
 * shared part.
 */
public final class Harvesting {
    /** Keys this worker remembers having had kept by the store. */
    static final int MAX_OFFERED = 4096;

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
    /**
     * The earliest timestamp this worker offered of each credential (service, user, password, notes) the store
     * kept: a repeat with a later one is a duplicate, as the store would answer, without a record, a digest or
     * the shared map (the 1 GB bench capture repeats one Telnet login 1,100 times).
     */
    private final Map<List<String>, Long> offered = new HashMap<>();

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
        List<String> key = flow ? List.of(service, user, password, notes) : null;
        Long earliest = key == null ? null : offered.get(key);
        if (earliest != null && c.firstSeenNanos() > earliest) {
            duplicates++; // the store holds one at least as early: this one would not replace it
            return;
        }
        Credentials.Builder r = Credentials.newBuilder().setService(service).setUser(user).setPassword(password)
                .setNotes(notes);
        if (flow) {
            r.setTimestamp(c.firstSeenNanos()).setFlow(c.ident());
        }
        Credentials record = r.build();
        CredentialStore.Outcome outcome = store.offer(record);
        if (key != null && outcome != CredentialStore.Outcome.UNREMEMBERED && offered.size() < MAX_OFFERED
                && (earliest == null || c.firstSeenNanos() < earliest)) {
            offered.put(key, c.firstSeenNanos());
        }
        switch (outcome) {
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
        errors.error("DECODER_FAILURE_CREDENTIALS", c, ErrorCounts.failure("credentials", e));
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
