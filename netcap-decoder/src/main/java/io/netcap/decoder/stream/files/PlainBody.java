package io.netcap.decoder.stream.files;

/** A body stored as one file, named after the request URL. */
final class PlainBody extends Body {
    private final StoredFile file;

    PlainBody(FileStore store, FileOrigin origin) {
        super(store, origin);
        file = store.file(origin, origin.name(), origin.contentType());
    }

    @Override
    void accept(byte[] b, int off, int len) {
        file.write(b, off, len);
    }

    @Override
    void finish(boolean complete) {
        file.close(complete);
    }
}
