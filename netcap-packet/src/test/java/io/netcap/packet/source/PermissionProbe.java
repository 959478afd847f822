package io.netcap.packet.source;

import java.io.IOException;
import java.time.Duration;

/** Run as an unprivileged user by {@link LiveCaptureTest}: prints the error of a denied capture. */
final class PermissionProbe {
    private PermissionProbe() {}

    public static void main(String[] args) {
        try (LiveCapture c = LiveCapture.open("lo", null, 1514, true, Duration.ofMillis(100))) {
            System.out.println("OPENED " + c.description());
        } catch (IOException e) {
            System.out.println("ERROR " + e.getMessage());
        }
    }
}
