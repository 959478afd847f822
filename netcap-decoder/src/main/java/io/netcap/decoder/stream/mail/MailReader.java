package io.netcap.decoder.stream.mail;

import io.netcap.decoder.ByteScan;
import io.netcap.decoder.Digests;
import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.software.SoftwareRecords;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.decoder.stream.files.FileExtraction.BodySink;
import io.netcap.decoder.stream.files.FileOrigin;
import io.netcap.decoder.stream.files.SafeNames;
import io.netcap.types.Mail;
import io.netcap.types.MailPart;
import io.netcap.types.RecordType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A bounded streaming reader of one RFC 5322 message with MIME (RFC 2045, 2046) bodies, writing one {@code Mail}
 * record (docs/mail.md): the message's header fields, and per leaf part of a (nested) multipart body a
 * {@code MailPart} with its header fields, its decoded text (text parts, bounded) and its file name. Every part
 * that is an attachment (a disposition {@code attachment} or a file name) streams, decoded from base64 or
 * quoted-printable, into file extraction; nothing of a body is held beyond the text kept for the record.
 *
 * <p>Caps: a line buffer of {@value #MAX_LINE} bytes (longer lines are handled in pieces), header sections as
 * {@link MimeHeader} bounds them, {@value #MAX_DEPTH} nested multiparts, {@value #MAX_PARTS} parts, and
 * {@value #MAX_PART_TEXT} bytes of text per part, {@value #MAX_MAIL_TEXT} per message. Exceeding one is counted
 * once per message; the message is still read to its end.
 */
public final class MailReader {
    static final int MAX_LINE = 16 * 1024;
    static final int MAX_DEPTH = 16;
    static final int MAX_PARTS = 256;
    static final int MAX_PART_TEXT = 64 * 1024;
    static final int MAX_MAIL_TEXT = 512 * 1024;
    /** RFC 2046 section 5.1.1 allows 70 characters; mailers send longer ones, but not this long. */
    static final int MAX_BOUNDARY = 200;

    /** Error kinds, counted through {@link StreamEnv#errors()}. */
    static final String HEADER_CAP = "MAIL_HEADER_CAP";
    static final String DEPTH_CAP = "MAIL_MULTIPART_DEPTH_CAP";
    static final String PART_CAP = "MAIL_PART_CAP";

    private enum State {
        /** Header fields of the message or of a part. */
        HEADERS,
        /** The body of a leaf part (or of the message when it is no multipart). */
        BODY,
        /** Preamble or epilogue of a multipart, or a part over the cap: only delimiters matter. */
        SKIP
    }

    private final Conversation conv;
    private final StreamEnv env;
    private final String origin;
    /**
     * A line cut by the bytes fed, grown as such a line needs up to {@link #MAX_LINE}: most lines lie whole in the
     * bytes fed and are read in place, so a message's lines seldom need more than a few hundred bytes here.
     */
    private byte[] line = new byte[0];
    private int lineLength;
    /** The bytes before were a piece of a line longer than the buffer. */
    private boolean midLine;
    private State state = State.HEADERS;
    private final MimeHeader top = new MimeHeader();
    private MimeHeader header = top;
    private final List<String> boundaries = new ArrayList<>();
    /** The boundary of the multipart the next part belongs to; "none" for the message's own body. */
    private String partId = "none";
    private Part part;
    /** A line break ended the last body line: content unless a delimiter follows (RFC 2046 section 5.1.1). */
    private boolean pendingBreak;
    private boolean pendingCrlf;
    private final List<MailPart> parts = new ArrayList<>();
    private boolean hasAttachments;
    private int textKept;
    private long bytes;
    private final List<String> counted = new ArrayList<>(3);
    private String returnPath = "";
    private String envelopeTo = "";
    private String id;
    private boolean ended;

    /** origin: "SMTP" | "POP3" | "IMAP" — goes to Mail.Origin and to File records' Source. */
    public MailReader(Conversation c, StreamEnv env, String origin) {
        this.conv = c;
        this.env = env;
        this.origin = origin;
    }

    /** Bytes of one RFC 5322 message, already dot-unstuffed / de-literalised by the caller. */
    public void feed(byte[] b, int off, int len) {
        if (ended) {
            return;
        }
        bytes += len;
        int i = off;
        int end = off + len;
        while (i < end) {
            int lf = ByteScan.indexOf(b, i, end, (byte) '\n');
            int stop = lf < end ? lf + 1 : end;
            if (lineLength == 0 && lf < end && stop - i <= MAX_LINE) {
                completeLine(b, i, stop - i, true); // a whole line in these bytes is read in place
                i = stop;
                continue;
            }
            int take = Math.min(stop - i, MAX_LINE - lineLength);
            if (lineLength + take > line.length) {
                int grown = Math.max(lineLength + take, Math.max(256, 2 * line.length));
                line = Arrays.copyOf(line, Math.min(MAX_LINE, grown));
            }
            System.arraycopy(b, i, line, lineLength, take);
            lineLength += take;
            i += take;
            if (lineLength > 0 && line[lineLength - 1] == '\n') {
                completeLine(line, 0, lineLength, true);
            } else if (lineLength == MAX_LINE) {
                piece();
            }
        }
    }

    /** Envelope data from SMTP (MAIL FROM / RCPT TO), set before end(); may be left unset. */
    public void envelope(String returnPath, String envelopeTo) {
        this.returnPath = returnPath == null ? "" : returnPath;
        this.envelopeTo = envelopeTo == null ? "" : envelopeTo;
    }

    /** The message ended (complete=false when cut); emits the Mail record and closes attachment files. */
    public void end(long tsNanos, boolean complete) {
        if (ended) {
            return;
        }
        if (lineLength > 0) {
            completeLine(line, 0, lineLength, false);
        }
        ended = true;
        if (state == State.HEADERS && header.capped()) {
            countHeaderCap();
        }
        if (state == State.BODY && part != null) {
            if (pendingBreak) {
                part.decoder.lineBreak(pendingCrlf); // no delimiter follows: the last line break is content
            }
            closePart(complete);
        }
        Mail m = record(tsNanos);
        id = m.getID();
        env.records().accept(RecordType.Mail, m);
        SoftwareRecords.mail(env, conv, origin, top.first("User-Agent"), top.first("X-Mailer"), m.getTimestamp());
    }

    /** The record's {@code ID}, after {@link #end}; the SMTP and POP3 records list it. */
    String id() {
        return id;
    }

    /** The buffer is full without a line break: a piece of a long line (never a delimiter or an empty line). */
    private void piece() {
        boolean first = !midLine;
        midLine = true;
        switch (state) {
            case HEADERS -> {
                String text = MailText.text(line, 0, lineLength);
                if (first) {
                    header.line(text);
                } else {
                    header.more(text);
                }
            }
            case BODY -> {
                if (part != null) {
                    if (first) {
                        breakBefore();
                    }
                    part.decoder.data(line, 0, lineLength);
                }
            }
            case SKIP -> { }
        }
        lineLength = 0;
    }

    /**
     * {@code b[off .. off+length)} is the rest of a line (or a whole one), up to and including its LF when
     * {@code withBreak}.
     */
    private void completeLine(byte[] b, int off, int length, boolean withBreak) {
        int len = length;
        boolean crlf = false;
        if (withBreak) {
            len--;
            if (len > 0 && b[off + len - 1] == '\r') {
                len--;
                crlf = true;
            }
        }
        lineLength = 0;
        if (midLine) {
            midLine = false;
            if (state == State.HEADERS) {
                header.more(MailText.text(b, off, len));
            } else if (state == State.BODY && part != null) {
                part.decoder.data(b, off, len);
                pendingBreak = withBreak;
                pendingCrlf = crlf;
            }
            return;
        }
        if (state == State.HEADERS) {
            if (len == 0) {
                headersDone();
            } else if (!delimiter(b, off, len)) { // a delimiter here ends a part that had no body
                header.line(MailText.text(b, off, len));
            }
            return;
        }
        if (delimiter(b, off, len)) {
            return;
        }
        if (state == State.BODY && part != null) {
            breakBefore();
            part.decoder.data(b, off, len);
            pendingBreak = withBreak;
            pendingCrlf = crlf;
        }
    }

    private void breakBefore() {
        if (pendingBreak) {
            part.decoder.lineBreak(pendingCrlf);
            pendingBreak = false;
        }
    }

    /**
     * RFC 2046 section 5.1.1: {@code --boundary} opens a part, {@code --boundary--} closes the multipart, either
     * followed by blanks only. A delimiter of an enclosing multipart also ends the inner ones (a missing close
     * delimiter).
     */
    private boolean delimiter(byte[] b, int off, int len) {
        if (boundaries.isEmpty() || len < 3 || b[off] != '-' || b[off + 1] != '-') {
            return false;
        }
        for (int k = boundaries.size() - 1; k >= 0; k--) {
            byte[] bd = boundaries.get(k).getBytes(StandardCharsets.ISO_8859_1);
            if (len < 2 + bd.length
                    || !java.util.Arrays.equals(b, off + 2, off + 2 + bd.length, bd, 0, bd.length)) {
                continue;
            }
            int i = 2 + bd.length;
            boolean close = i + 1 < len && b[off + i] == '-' && b[off + i + 1] == '-';
            if (close) {
                i += 2;
            }
            while (i < len && (b[off + i] == ' ' || b[off + i] == '\t')) {
                i++;
            }
            if (i != len) {
                continue;
            }
            if (state == State.BODY && part != null) {
                closePart(true);
            }
            pendingBreak = false;
            while (boundaries.size() > k + 1) {
                boundaries.removeLast();
            }
            if (close) {
                boundaries.removeLast();
                state = State.SKIP;
            } else {
                partId = boundaries.get(k);
                header = new MimeHeader();
                state = State.HEADERS;
            }
            return true;
        }
        return false;
    }

    private void headersDone() {
        if (header.capped()) {
            countHeaderCap();
        }
        MimeParams type = MimeParams.parse(header.first("Content-Type"));
        String boundary = type.get("boundary");
        if (type.type().startsWith("multipart/") && boundary != null && !boundary.isEmpty()
                && boundary.length() <= MAX_BOUNDARY) {
            if (boundaries.size() < MAX_DEPTH) {
                boundaries.add(boundary);
                state = State.SKIP; // the preamble
                return;
            }
            count(DEPTH_CAP, "multipart nested deeper than " + MAX_DEPTH);
        }
        pendingBreak = false;
        if (parts.size() >= MAX_PARTS) {
            count(PART_CAP, "more than " + MAX_PARTS + " parts");
            state = State.SKIP;
            return;
        }
        part = new Part(header == top ? top.contentFields() : header.toMap(), type);
        state = State.BODY;
    }

    private void closePart(boolean complete) {
        Part p = part;
        part = null;
        p.decoder.end();
        if (p.sink != null) {
            p.sink.close(complete);
        }
        MailPart.Builder mp = MailPart.newBuilder().setID(partId).putAllHeader(p.fields);
        if (p.filename != null) {
            mp.setFilename(p.filename);
        }
        if (p.text != null) {
            mp.setContent(MailText.text(p.text.toByteArray(), 0, p.text.size(), p.type.get("charset")));
        }
        parts.add(mp.build());
    }

    private void countHeaderCap() {
        count(HEADER_CAP, "header section over " + MimeHeader.MAX_FIELDS + " fields or " + MimeHeader.MAX_BYTES + " bytes");
    }

    private void count(String kind, String message) {
        if (!counted.contains(kind)) {
            counted.add(kind);
            env.errors().error(kind, conv, message);
        }
    }

    private Mail record(long tsNanos) {
        String headerReturnPath = top.first("Return-Path");
        String headerEnvelopeTo = top.first("Envelope-To");
        String deliveryDate = top.first("Delivery-Date");
        long delivered = MailDates.parse(deliveryDate);
        return Mail.newBuilder()
                .setTimestamp(delivered != Long.MIN_VALUE ? delivered : tsNanos)
                .setReturnPath(headerReturnPath.isEmpty() ? returnPath : headerReturnPath)
                .setDeliveryDate(deliveryDate)
                .setFrom(EncodedWords.decode(top.first("From")))
                .setTo(EncodedWords.decode(top.first("To")))
                .setCC(EncodedWords.decode(top.first("Cc")))
                .setSubject(EncodedWords.decode(top.first("Subject")))
                .setDate(top.first("Date"))
                .setMessageID(top.first("Message-ID"))
                .setReferences(top.first("References"))
                .setInReplyTo(top.first("In-Reply-To"))
                .setContentLanguage(top.first("Content-Language"))
                .setHasAttachments(hasAttachments)
                .setXOriginatingIP(top.first("X-Originating-IP"))
                .setContentType(top.first("Content-Type"))
                .setEnvelopeTo(headerEnvelopeTo.isEmpty() ? envelopeTo : headerEnvelopeTo)
                .addAllBody(parts)
                .setClientIP(conv.clientIp())
                .setServerIP(conv.serverIp())
                .setID(identifier(tsNanos))
                .setOrigin(origin)
                .build();
    }

    /**
     * The original draws 20 random bytes; here they are a digest of what identifies the message in the capture
     * (conversation, origin, end time, size, identifying fields), so that two runs over one capture agree.
     */
    private String identifier(long tsNanos) {
        String key = conv.ident() + '|' + conv.firstSeenNanos() + '|' + origin + '|' + tsNanos + '|' + bytes
                + '|' + top.first("Message-ID") + '|' + top.first("Date") + '|' + top.first("Subject");
        return Base64.getUrlEncoder().encodeToString(SHA1.get().digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** Looking the algorithm up cost more than hashing the key (JFR). */
    private static final ThreadLocal<MessageDigest> SHA1 = Digests.perThread("SHA-1");

    /** The leaf part being read: its decoder and where its decoded bytes go. */
    private final class Part {
        final java.util.Map<String, String> fields;
        final MimeParams type;
        final String filename;
        final TransferDecoder decoder;
        final BodySink sink;
        final ByteArrayOutputStream text;

        Part(java.util.Map<String, String> fields, MimeParams type) {
            this.fields = fields;
            this.type = type;
            MimeParams disposition = MimeParams.parse(header.first("Content-Disposition"));
            String name = disposition.get("filename");
            if (name == null) {
                name = type.get("name");
            }
            this.filename = name == null ? null : EncodedWords.decode(name);
            boolean attachment = disposition.type().equals("attachment") || filename != null;
            hasAttachments |= attachment;
            this.sink = attachment ? env.files().open(new FileOrigin(conv, origin,
                    filename == null || filename.isEmpty() ? SafeNames.UNKNOWN : filename,
                    header.first("Content-Type"), "", null, firstClient())) : null;
            this.text = !attachment && (type.type().isEmpty() || type.type().startsWith("text/"))
                    ? new ByteArrayOutputStream() : null;
            // decoded bytes nobody keeps (an attachment not extracted) are not decoded
            this.decoder = sink == null && text == null ? TransferDecoder.DISCARD
                    : TransferDecoder.of(header.first("Content-Transfer-Encoding"), this::decoded);
        }

        private void decoded(byte[] b, int off, int len) {
            if (sink != null) {
                sink.write(b, off, len);
            }
            if (text != null) {
                int keep = Math.min(len, Math.min(MAX_PART_TEXT - text.size(), MAX_MAIL_TEXT - textKept));
                if (keep > 0) {
                    text.write(b, off, keep);
                    textKept += keep;
                }
            }
        }
    }

    /** The File record's timestamp: the first client packet of the conversation (docs/streams.md). */
    private long firstClient() {
        return conv.firstClientNanos() >= 0 ? conv.firstClientNanos() : conv.firstSeenNanos();
    }
}
