package io.netcap.decoder.stream.files;

/**
 * What every body sink shares: the body size cap, a single close, and the store's count of open bodies.
 * Bytes beyond the cap are discarded and make the body incomplete; writes after close are ignored.
 */
abstract sealed class Body implements FileExtraction.BodySink permits PlainBody, MultipartBody {
    final FileStore store;
    final FileOrigin origin;
    private long received;
    private boolean cut;
    private boolean closed;

    Body(FileStore store, FileOrigin origin) {
        this.store = store;
        this.origin = origin;
    }

    @Override
    public final void write(byte[] b, int off, int len) {
        if (closed || cut || len <= 0) {
            return;
        }
        long max = store.limits().maxBodyBytes();
        if (max > 0 && received + len > max) {
            len = (int) (max - received);
            cut = true;
            store.counters().bodyLimitCuts.incrementAndGet();
        }
        received += len;
        if (len > 0) {
            accept(b, off, len);
        }
    }

    @Override
    public final void close(boolean complete) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            finish(complete && !cut);
        } finally {
            store.bodyClosed();
        }
    }

    abstract void accept(byte[] b, int off, int len);

    abstract void finish(boolean complete);
}
