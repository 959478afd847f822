package io.netcap.cli.proxy;

import io.netcap.io.CountingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body on its way upstream, on a thread of its own beside the response coming back: a server may
 * answer before it has read the whole request (RFC 9112 9.3, e.g. 401 or 413 to a large upload), and one that
 * streams its answer while it reads would otherwise wait for the proxy while the proxy waits for it.
 */
final class Upload {
    private final AtomicLong read = new AtomicLong();
    private final CountingInputStream in;
    private Thread thread;

    private Upload(InputStream body) {
        this.in = new CountingInputStream(body, read);
    }

    /** Starts sending {@code body} onto {@code out}: chunked, or {@code length} bytes. */
    static Upload start(InputStream body, OutputStream out, boolean chunked, long length) {
        Upload u = new Upload(body);
        u.thread = Thread.ofVirtual().name("netcap-proxy-upload").start(() -> {
            try {
                if (chunked) {
                    MessageBody.sendChunked(u.in, out);
                } else {
                    MessageBody.copy(u.in, out, length);
                }
                out.flush();
            } catch (IOException e) {
                // the upstream stopped reading (it answered early, or the connection was closed) or the client
                // went away; the response side reports what matters
            }
        });
        return u;
    }

    /**
     * Waits for the upload to end and returns the body bytes read from the client. Call it after the
     * connection is closed, which ends an upload the upstream no longer reads.
     */
    long finish() {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return read.get();
    }
}
