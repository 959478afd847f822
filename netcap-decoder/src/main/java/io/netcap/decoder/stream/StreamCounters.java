package io.netcap.decoder.stream;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the stream decoders of one worker did: conversations seen, the protocol chosen for each, and why a
 * parser was dropped. Confined to the worker; merged for the summary.
 */
public final class StreamCounters {
    long conversations;
    long undecided;
    long unconsumedOverflows;
    long parserFailures;
    final Map<String, Long> selected = new TreeMap<>();

    public long conversations() {
        return conversations;
    }

    /** Conversations no probe accepted (no stream decoder ran). */
    public long undecided() {
        return undecided;
    }

    /** Parsers dropped because the bytes they left unconsumed outgrew the cap. */
    public long unconsumedOverflows() {
        return unconsumedOverflows;
    }

    /** Parsers dropped after throwing (a decoder bug, counted like a malformed packet). */
    public long parserFailures() {
        return parserFailures;
    }

    /** Conversations per chosen protocol name. */
    public Map<String, Long> selected() {
        return selected;
    }

    public void add(StreamCounters o) {
        conversations += o.conversations;
        undecided += o.undecided;
        unconsumedOverflows += o.unconsumedOverflows;
        parserFailures += o.parserFailures;
        o.selected.forEach((k, v) -> selected.merge(k, v, Long::sum));
    }
}
