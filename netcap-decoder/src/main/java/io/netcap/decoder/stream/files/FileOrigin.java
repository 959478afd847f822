package io.netcap.decoder.stream.files;

import io.netcap.decoder.stream.Conversation;

/**
 * Where an extracted body comes from, for its File record and its path.
 *
 * @param conversation      the conversation (flow identifier, client/server addresses and ports)
 * @param source            the record's {@code Source}, e.g. {@code HTTP RESPONSE from example.com/a.png}
 * @param name              the name from the URL's last path element ({@code unknown} when empty or {@code /});
 *                          untrusted: the store makes it safe
 * @param contentType       the declared content type for the record ({@code ContentType})
 * @param host              the request's Host
 * @param multipartBoundary the boundary of a {@code multipart/form-data} body, whose file parts are stored
 *                          each as its own file; null otherwise
 * @param timestampNanos    the record's Timestamp
 */
public record FileOrigin(
        Conversation conversation,
        String source,
        String name,
        String contentType,
        String host,
        String multipartBoundary,
        long timestampNanos) {
}
