package io.netcap.decoder.stream.http;

import io.netcap.decoder.stream.files.FileExtraction.BodySink;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * One message body as it streams past, never held whole: its payload length (after de-chunking), the first
 * {@value MimeSniffer#SNIFF_LEN} bytes before and after content decoding (for sniffing), the raw bytes of an
 * urlencoded form up to a cap (for {@code Parameters}), and the decoded bytes passed on to file extraction. The
 * sink is opened at the first decoded byte, so empty bodies are never extracted; a body not extracted is decoded
 * only as far as sniffing reads it.
 */
final class HttpBody {
    private static final byte[] NOTHING = new byte[0];

    /** The content decoder; null for identity, whose bytes are their decoded ones (most bodies). */
    private final ContentDecoder decoder;
    private final Supplier<BodySink> sinkFactory;
    private final int formCap;
    private BodySink sink;
    private boolean sinkTried;
    private long length;
    /**
     * The first bytes before and after decoding, lent from the thread's {@link BodyBuffers} at the first byte
     * (many bodies are empty) until the body ends and its type is sniffed; no more than the declared length is
     * kept. An identity body's decoded bytes are its raw ones: {@code decoded} is {@code raw}.
     */
    private byte[] raw;
    private int rawLen;
    private final int rawSize;
    private final boolean identity;
    private byte[] decoded;
    private int decodedLen;
    /** The sniffed type, once the body ended. */
    private String sniffed;
    private byte[] form;
    private int formLen;
    private boolean formOverCap;
    /** Bytes are missing (a gap): nothing more is decoded or extracted. */
    private boolean broken;
    /** The sniffing bytes are complete and nothing is extracted: the rest is not decoded. */
    private boolean decodedEnough;

    /**
     * @param length      the declared length, or -1 when unknown
     * @param formCap     keep up to this many raw bytes for form parsing, or -1 for none
     * @param sinkFactory opens the extraction sink, or returns null
     */
    HttpBody(ContentDecoder.Coding coding, long length, long decodedCap, int formCap, Supplier<BodySink> sinkFactory) {
        this.identity = coding == ContentDecoder.Coding.IDENTITY;
        this.decoder = identity ? null : new ContentDecoder(coding, decodedCap, this::decoded);
        this.rawSize = length > 0 && length < MimeSniffer.SNIFF_LEN ? (int) length : MimeSniffer.SNIFF_LEN;
        if (sinkFactory == Http.NO_FILE && !identity) {
            decoder.want(MimeSniffer.SNIFF_LEN); // and no more is inflated
        }
        this.sinkFactory = sinkFactory;
        this.formCap = formCap;
        if (formCap >= 0) {
            form = new byte[Math.min(formCap, 1024)];
        }
    }

    void write(byte[] b, int off, int len) {
        length += len;
        if (raw == null) {
            raw = BodyBuffers.local().take();
        }
        int n = Math.min(len, rawSize - rawLen);
        System.arraycopy(b, off, raw, rawLen, n);
        rawLen += n;
        if (form != null && !formOverCap) {
            if (formLen + len > formCap) {
                formOverCap = true;
                form = null;
            } else {
                if (formLen + len > form.length) {
                    form = Arrays.copyOf(form, Math.min(formCap, Math.max(form.length * 2, formLen + len)));
                }
                System.arraycopy(b, off, form, formLen, len);
                formLen += len;
            }
        }
        if (!broken && !decodedEnough) {
            if (identity) {
                if (len > 0) {
                    decoded(b, off, len);
                }
            } else {
                decoder.write(b, off, len);
            }
        }
    }

    /** {@code n} bytes of the body were never seen. */
    void gap(long n) {
        length += n;
        broken = true;
        formOverCap = true;
        form = null;
        closeSink(false);
    }

    private void decoded(byte[] b, int off, int len) {
        if (decoded == null) {
            decoded = identity ? raw : BodyBuffers.local().take();
        }
        int size = identity ? rawSize : MimeSniffer.SNIFF_LEN;
        int n = Math.min(len, size - decodedLen);
        if (!identity) { // identity: these bytes were just copied to the same place of raw (no gap came before)
            System.arraycopy(b, off, decoded, decodedLen, n);
        }
        decodedLen += n;
        if (!sinkTried) {
            sinkTried = true;
            sink = sinkFactory.get();
        }
        if (sink != null) {
            sink.write(b, off, len);
        } else if (decodedLen == size) {
            decodedEnough = true; // the rest would be decoded for nothing (docs/streams.md, "HTTP")
            if (!identity) {
                decoder.stop();
            }
        }
    }

    /** Ends the body; the sink is closed as complete only if every byte arrived and decoded without a cut. */
    void finish(boolean complete) {
        if (!identity) {
            decoder.close();
        }
        closeSink(complete && !broken && !capped() && !decodingFailed());
        if (sniffed == null) {
            sniffed = sniff();
            BodyBuffers buffers = BodyBuffers.local();
            if (decoded != raw) {
                buffers.give(decoded);
            }
            buffers.give(raw);
            raw = null;
            decoded = null;
        }
    }

    private void closeSink(boolean complete) {
        if (sink != null) {
            sink.close(complete);
            sink = null;
        }
        sinkTried = true;
    }

    long length() {
        return length;
    }

    boolean capped() {
        return !identity && decoder.capped();
    }

    boolean decodingFailed() {
        return !identity && decoder.failed();
    }

    /**
     * The sniffed type: of the decoded bytes, or of the bytes as sent when a content coding failed before its
     * first decoded byte.
     */
    String sniffedType() {
        return sniffed != null ? sniffed : sniff();
    }

    private String sniff() {
        if (decodedLen == 0 && rawLen > 0 && !identity && (decoder.failed() || broken)) {
            return MimeSniffer.detect(raw, rawLen);
        }
        return MimeSniffer.detect(decoded == null ? NOTHING : decoded, decodedLen);
    }

    /** The urlencoded form text kept, or null if the body was not kept or exceeded the cap. */
    String formText() {
        return form == null || formOverCap ? null : HttpText.latin1(form, 0, formLen);
    }
}
