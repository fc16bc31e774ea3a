package network.shaga.app.host;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import network.shaga.app.directory.GeoPoint;

/**
 * What a host publishes and where it listens.
 *
 * @param name display name
 * @param location where the host is (published as a 5-character geohash, about 5 km)
 * @param priceMicroUsdcPerHour price in USDC micro-units per hour
 * @param heartbeatSeconds how often the record is re-published
 * @param apiBind where the host API listens
 * @param publicIp the address players reach the host API at
 * @param network the Solana cluster payments go through
 * @param hardware GPU, CPU, memory shown to players
 * @param codecBits Sunshine's {@code ServerCodecModeSupport}
 * @param maxMode best stream mode, e.g. {@code 3840x2160@60}
 */
public record HostSettings(
        String name,
        GeoPoint location,
        long priceMicroUsdcPerHour,
        int heartbeatSeconds,
        InetSocketAddress apiBind,
        InetAddress publicIp,
        String network,
        HardwareProbe.Hardware hardware,
        long codecBits,
        String maxMode) {
}
