package io.netcap.decoder.stream.credentials;

/**
 * The credential harvesting's settings (docs/streams.md, "Credentials").
 *
 * @param bannerBytes    {@code -hbsize}: the custom regex sees the first this many bytes of a conversation
 *                       (both directions in arrival order), as the original's harvesters did
 * @param custom         {@code -reCustom}: a regular expression with at least one group; empty for none
 * @param stopAfterMatch {@code -stop-after-harvester-match}: once a harvester found a login in a conversation,
 *                       only it goes on looking there
 */
public record HarvestConfig(int bannerBytes, String custom, boolean stopAfterMatch) {
    public static HarvestConfig defaults() {
        return new HarvestConfig(256, "", true);
    }
}
