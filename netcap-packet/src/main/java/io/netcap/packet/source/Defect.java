package io.netcap.packet.source;

/**
 * Damage found in a capture: where (byte offset in the decompressed capture stream, or -1 where no
 * offset applies, e.g. live capture) and what.
 */
public record Defect(long fileOffset, String message) {
    @Override
    public String toString() {
        return fileOffset >= 0 ? "offset " + fileOffset + ": " + message : message;
    }
}
