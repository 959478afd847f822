package io.netcap.cli.flags;

/** A command line, environment or configuration file error; the command exits with status 2. */
public final class FlagException extends Exception {
    private final boolean helpRequested;

    public FlagException(String message) {
        this(message, false);
    }

    private FlagException(String message, boolean helpRequested) {
        super(message);
        this.helpRequested = helpRequested;
    }

    public static FlagException help() {
        return new FlagException("help requested", true);
    }

    /** {@code -h} / {@code -help}: usage is printed on standard output, exit status 0. */
    public boolean helpRequested() {
        return helpRequested;
    }
}
