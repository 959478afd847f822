package io.netcap.decoder.stream.http;

/**
 * A message being read: its head, its framing and its body.
 *
 * @see Http
 */
final class HttpMessage {
    /**
     * What a response needs of its request: the method (HEAD and CONNECT change the response's framing) and what
     * an extracted file is named after.
     *
     * @param contentType the request's {@code Content-Type} values joined with a space
     */
    record RequestInfo(String method, String host, String path, String contentType) {}

    final MessageHead head;
    final boolean request;
    /** The request's target; null for a response. */
    final RequestTarget target;
    /** The request, or for a response its request; null for a response without one. */
    final RequestInfo info;
    /** The record's content length: the declared one, 0 for none, -1 when chunked or read to the close. */
    final long contentLength;
    final boolean chunked;
    HttpBody body;

    HttpMessage(MessageHead head, boolean request, RequestTarget target, RequestInfo info, long contentLength,
                boolean chunked) {
        this.head = head;
        this.request = request;
        this.target = target;
        this.info = info;
        this.contentLength = contentLength;
        this.chunked = chunked;
    }
}
