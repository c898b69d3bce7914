package dev.agentstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstream.core.ToolRegistry;
import dev.agentstream.tools.bash.BashTool;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from PEM files made by openssl: the token then never crosses the network in clear text. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class McpHttpsTest {

    @TempDir
    Path tmp;

    @Test
    void servesHttpsWithTheGivenCertificateAndStillAsksForTheToken() throws Exception {
        Path cert = tmp.resolve("cert.pem");
        Path key = tmp.resolve("key.pem");
        selfSigned(cert, key, "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1");
        BearerToken token = BearerToken.generate();
        HttpAccess access = new HttpAccess("127.0.0.1", 0, Optional.of(token), List.of(), Optional.of(new HttpAccess.Tls(cert, key)));
        try (HttpMcpServer server = HttpMcpServer.start(McpOptions.of(new ToolRegistry().register(new BashTool())), access)) {
            assertThat(server.endpoint().getScheme()).isEqualTo("https");
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(cert)).build();
            assertThat(trusting.send(initialize(server), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            HttpResponse<String> ok = trusting.send(HttpRequest.newBuilder(initialize(server), (n, v) -> true)
                    .header("Authorization", "Bearer " + token.value()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("\"serverInfo\"");
            // A client that does not trust the certificate does not get through, not even to the token check.
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(initialize(server), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void anRsaKeyWorksAndUnfitFilesAreNamedWithWhatToDo() throws Exception {
        Path cert = tmp.resolve("cert.pem");
        Path key = tmp.resolve("key.pem");
        selfSigned(cert, key, "rsa:2048");
        assertThat(new HttpAccess.Tls(cert, key).certificate()).isEqualTo(cert);
        Path pkcs1 = tmp.resolve("rsa-key.pem");
        run("openssl", "pkey", "-in", key.toString(), "-traditional", "-out", pkcs1.toString());
        assertThatThrownBy(() -> new HttpAccess.Tls(cert, pkcs1)).hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThatThrownBy(() -> new HttpAccess.Tls(key, key)).hasMessageContaining("not a PEM certificate");
        Path otherCert = tmp.resolve("other.pem");
        selfSigned(otherCert, tmp.resolve("other-key.pem"), "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1");
        assertThatThrownBy(() -> new HttpAccess.Tls(otherCert, key)).hasMessageContaining("give the key the certificate was made for");
    }

    static void selfSigned(Path cert, Path key, String newKey, String... keyOptions) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl", "req", "-x509", "-newkey", newKey));
        command.addAll(List.of(keyOptions));
        command.addAll(List.of("-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-nodes", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"));
        run(command.toArray(String[]::new));
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), output).isZero();
    }

    private static SSLContext trusting(Path cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static HttpRequest initialize(HttpMcpServer server) {
        return HttpRequest.newBuilder(server.endpoint())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
                        "capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}"""))
                .build();
    }
}
