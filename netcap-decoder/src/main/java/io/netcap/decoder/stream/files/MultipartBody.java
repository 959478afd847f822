package io.netcap.decoder.stream.files;

/**
 * A {@code multipart/form-data} body: every part with a file name is stored as its own file, named by that
 * file name and typed by the part's Content-Type; other form fields are not stored. A body that ends before
 * its close delimiter leaves its last part incomplete.
 */
final class MultipartBody extends Body implements MultipartSplitter.Listener {
    private final MultipartSplitter splitter;
    private StoredFile part;

    MultipartBody(FileStore store, FileOrigin origin) {
        super(store, origin);
        splitter = new MultipartSplitter(origin.multipartBoundary(), this);
    }

    @Override
    void accept(byte[] b, int off, int len) {
        splitter.write(b, off, len);
    }

    @Override
    void finish(boolean complete) {
        boolean closed = splitter.finish();
        if (splitter.malformed() || (complete && !closed)) {
            store.counters().multipartMalformed.incrementAndGet();
        }
    }

    @Override
    public void start(MultipartSplitter.Part p) {
        store.counters().multipartFileParts.incrementAndGet();
        part = store.file(origin, p.filename(), p.contentType());
    }

    @Override
    public void data(byte[] b, int off, int len) {
        if (part != null) {
            part.write(b, off, len);
        }
    }

    @Override
    public void end(boolean complete) {
        if (part != null) {
            part.close(complete);
            part = null;
        }
    }
}
