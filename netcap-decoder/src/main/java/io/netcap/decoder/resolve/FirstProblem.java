package io.netcap.decoder.resolve;

/** A {@link Log} that passes every line on and keeps the first {@link Log#problem} ({@code -ignore-init-errors=false}). */
public final class FirstProblem implements Log {
    private final Log out;
    private volatile String first;

    public FirstProblem(Log out) {
        this.out = out;
    }

    @Override
    public void line(String text) {
        out.line(text);
    }

    @Override
    public void problem(String text) {
        if (first == null) {
            first = text;
        }
        out.line(text);
    }

    /** The first problem said, or null. */
    public String first() {
        return first;
    }
}
