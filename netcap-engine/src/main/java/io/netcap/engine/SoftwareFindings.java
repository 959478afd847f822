package io.netcap.engine;

import io.netcap.decoder.AppDecoding;
import io.netcap.types.Software;

/**
 * Told every Software record a capture writes, with the sink of that capture for what it derives from it: the
 * Vulnerability and Exploit records of the index lookup (docs/enrichment.md, "Vulnerabilities and exploits"), the
 * only types it may write: the files of the others are closed by then ({@link CaptureEngine#AFTER_WORKERS}).
 * Called from one thread at the end of the capture, when the Software records are written.
 */
@FunctionalInterface
public interface SoftwareFindings {
    void found(Software software, AppDecoding.Sink out);
}
