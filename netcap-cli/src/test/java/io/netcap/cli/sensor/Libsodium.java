package io.netcap.cli.sensor;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Tests of the sensor path skip, with a printed reason, where libsodium is not installed. */
public final class Libsodium {
    private Libsodium() {}

    public static Sodium require() {
        Sodium.problem().ifPresent(why -> System.err.println("SKIPPED: " + why));
        assumeTrue(Sodium.problem().isEmpty(), () -> Sodium.problem().orElse(""));
        return Sodium.get();
    }
}
