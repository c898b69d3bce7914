package dev.agentstream.mcp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use an HTTP front door: the address it binds, the bearer token it asks for, and the names a
 * request's {@code Host} may carry. Off loopback a token is compulsory (anyone on the network could
 * otherwise run commands as this user); the {@code Host} check always stays on (DNS rebinding), allowing
 * the loopback names, the bound address (every interface's, when bound to all of them) and the names the
 * user adds.
 *
 * @param host         the address to bind; {@code 0.0.0.0} or {@code ::} binds every interface
 * @param port         the port, 0 for any free one
 * @param token        the token every request must carry; required unless {@code host} is loopback
 * @param allowedHosts further names clients reach the server by (e.g. {@code devbox.lan})
 * @param tls          the certificate and key to serve HTTPS with, so the token never crosses a network in clear text
 */
public record HttpAccess(String host, int port, Optional<BearerToken> token, List<String> allowedHosts, Optional<Tls> tls) {

    static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "[::1]");

    /** A server certificate (PEM, the chain) and its unencrypted PKCS#8 private key (PEM); checked when made. */
    public record Tls(Path certificate, Path privateKey) {

        private static final char[] IN_MEMORY_PASSWORD = "agentstream".toCharArray();

        /** @throws IllegalArgumentException naming the file and what to do when a file is unfit */
        public Tls {
            PemKeyStore.load(certificate, privateKey, IN_MEMORY_PASSWORD);
        }

        KeyStore keyStore() {
            return PemKeyStore.load(certificate, privateKey, IN_MEMORY_PASSWORD);
        }

        String keyStorePassword() {
            return new String(IN_MEMORY_PASSWORD);
        }
    }

    /** Plain HTTP. */
    public HttpAccess(String host, int port, Optional<BearerToken> token, List<String> allowedHosts) {
        this(host, port, token, allowedHosts, Optional.empty());
    }

    public HttpAccess {
        allowedHosts = List.copyOf(allowedHosts);
        if (token.isEmpty() && !isLoopback(host)) {
            throw new IllegalArgumentException("Binding " + host + " opens this server to other machines, so it needs a "
                    + "bearer token; generate one (the default off loopback) or name one with --token-file or --token-env.");
        }
    }

    /** Loopback only, no token: what a local client on this machine needs. */
    public static HttpAccess loopback(String host, int port) {
        return new HttpAccess(host, port, Optional.empty(), List.of());
    }

    /** {@code https} with TLS, {@code http} without. */
    public String scheme() {
        return tls.isPresent() ? "https" : "http";
    }

    public boolean isLoopback() {
        return isLoopback(host);
    }

    /** Whether {@code host} binds every interface. */
    public boolean isWildcard() {
        try {
            return InetAddress.getByName(host).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The {@code Host} header values accepted, as the MCP SDK's validator takes them (any port). */
    List<String> hostHeaderPatterns() {
        Set<String> names = new LinkedHashSet<>(LOOPBACK_NAMES);
        names.add(hostLiteral(host));
        if (isWildcard()) interfaceAddresses().forEach(address -> names.add(hostLiteral(address.getHostAddress())));
        allowedHosts.forEach(name -> names.add(hostLiteral(name)));
        List<String> patterns = new ArrayList<>();
        for (String name : names) {
            patterns.add(name);
            patterns.add(name + ":*");
        }
        return patterns;
    }

    /** Every address of this machine's interfaces that are up: IPv4 before IPv6, loopback first in each. */
    static List<InetAddress> interfaceAddresses() {
        List<InetAddress> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) continue;
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!(address instanceof Inet6Address v6 && v6.isLinkLocalAddress())) addresses.add(address);
                }
            }
        } catch (SocketException e) {
            // no interface list: the start-up line then names only the bound address
        }
        addresses.sort(Comparator.comparing((InetAddress a) -> a instanceof Inet6Address).thenComparing(a -> !a.isLoopbackAddress()));
        return addresses;
    }

    /** {@code host} as it appears in a URL or a {@code Host} header: IPv6 literals shortened and in brackets. */
    static String hostLiteral(String host) {
        String bare = host.contains("%") ? host.substring(0, host.indexOf('%')) : host;
        if (!bare.contains(":") || bare.startsWith("[")) return bare.toLowerCase(Locale.ROOT);
        return "[" + shortened(bare.toLowerCase(Locale.ROOT)) + "]";
    }

    /** An IPv6 address with its longest run of zero groups written {@code ::}, as clients write it (RFC 5952). */
    private static String shortened(String ipv6) {
        if (ipv6.contains("::")) return ipv6;
        String[] groups = ipv6.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].replaceFirst("^0+", "").isEmpty()) j++;
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
        }
        List<String> trimmed = new ArrayList<>();
        for (String group : groups) trimmed.add(group.replaceFirst("^0+(?=.)", ""));
        if (bestStart < 0) return String.join(":", trimmed);
        return String.join(":", trimmed.subList(0, bestStart)) + "::" + String.join(":", trimmed.subList(bestStart + bestLength, trimmed.size()));
    }

    /** Whether {@code host} names or resolves to a loopback address. */
    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
