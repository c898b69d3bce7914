package dev.agentstream.cli;

import dev.agentstream.mcp.HttpMcpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@code agentstream mcp --http} says on stderr when it starts: the address really bound (every
 * interface's URL when bound to all), a warning when other machines can reach it, and the token with the
 * command that adds the server to Claude Code when the token was made now (the only time it is shown).
 */
final class HttpStartupMessage {

    private HttpStartupMessage() {}

    static String of(HttpMcpServer server, boolean tokenGeneratedNow) {
        InetSocketAddress bound = server.boundAddress();
        List<URI> urls = server.endpoints();
        StringBuilder text = new StringBuilder("agentstream MCP server listening on ");
        if (bound.getAddress().isAnyLocalAddress()) {
            // Java binds the IPv4 wildcard as a dual-stack [::] socket where it can: name what the user asked
            // for, and list every address the socket really answers on.
            String asked = server.access().host().contains(":") ? "[::]" : "0.0.0.0";
            text.append(server.access().scheme()).append("://").append(asked).append(':').append(bound.getPort()).append(HttpMcpServer.ENDPOINT).append(", every interface: ")
                    .append(urls.stream().map(URI::toString).collect(Collectors.joining(", ")));
        } else {
            text.append(urls.getFirst());
        }
        text.append(" (Streamable HTTP). Ctrl-C stops it.\n");
        boolean loopback = bound.getAddress().isLoopbackAddress();
        if (!loopback) {
            text.append("warning: other machines can reach this server, and whoever holds its token runs commands as ")
                    .append(System.getProperty("user.name")).append(server.access().tls().isPresent() ? ".\n"
                            : ". HTTP is not encrypted: give --tls-cert and --tls-key, use it on a network you trust, "
                            + "or reach a loopback server through an SSH tunnel (ssh -L).\n");
        }
        var token = server.access().token();
        if (token.isPresent() && tokenGeneratedNow) {
            URI url = loopback ? urls.getFirst() : urls.stream().filter(u -> !u.getHost().startsWith("127.") && !u.getHost().equals("[::1]"))
                    .findFirst().orElse(urls.getFirst());
            text.append("Bearer token (shown only now): ").append(token.get().value()).append('\n')
                    .append("Add this server to Claude Code with:\n  claude mcp add --transport http agentstream ").append(url)
                    .append(" --header \"Authorization: Bearer ").append(token.get().value()).append("\"\n");
        } else if (token.isPresent()) {
            text.append("Every request must carry the header 'Authorization: Bearer TOKEN' with the token you gave.\n");
        }
        return text.toString();
    }
}
