package io.netcap.decoder.stream.credentials;

import io.netcap.decoder.stream.Direction;

/**
 * The login state machine of one protocol in one conversation. It sees the conversation as lines (each
 * direction's, in arrival order, at most {@link LineSplitter#MAX_LINE} bytes, CR LF / CR / LF removed), so it
 * keeps only the few values of a login in progress however long the session runs.
 */
abstract class Harvester {
    /** Where a harvester reports a login, and input it could not decode. */
    interface Found {
        void found(String service, String user, String password, String notes);

        void malformed();
    }

    /**
     * A complete line of direction {@code d}; checks on its bytes first keep ordinary lines cheap.
     *
     * @return how many raw bytes after it are a body for {@link #body} (not lines), usually 0
     */
    abstract long line(Direction d, Line line, Found found);

    /**
     * The client lines {@link #line} reads in the current state (asked again after each line, prompt, body end
     * and gap given to the harvester); lines the filter turns away are not given to it. It must pass every line
     * the harvester would act on.
     */
    LineFilter clientLines() {
        return LineFilter.ALL;
    }

    /** This harvester needs the server's lines now (most need only the client's, or the server's prompts). */
    boolean wantsServerLines() {
        return false;
    }

    /** The server's current unfinished line ends with {@code :}: a prompt waiting for input (once per line). */
    void prompt(String text) {}

    /** Bytes of a body asked for by {@link #line}; valid only during the call. */
    void body(byte[] b, int off, int len) {}

    /** The body asked for is complete. */
    void bodyEnd(Found found) {}

    /** Bytes of direction {@code d} are missing: a login in progress there cannot be trusted. */
    void gap(Direction d) {}
}
