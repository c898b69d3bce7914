package dev.agentstream.mcp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server certificate chain and its private key, from PEM files as openssl, certbot or mkcert write them,
 * as an in-memory key store for the TLS connector. The key must be unencrypted PKCS#8
 * ({@code BEGIN PRIVATE KEY}), RSA, EC or EdDSA.
 */
final class PemKeyStore {

    static final String ALIAS = "agentstream";
    private static final Pattern PKCS8 = Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private PemKeyStore() {}

    /** @throws IllegalArgumentException naming the file and what to do when a file is unfit */
    static KeyStore load(Path certificateFile, Path keyFile, char[] password) {
        Certificate[] chain = certificates(certificateFile);
        PrivateKey key = privateKey(keyFile, chain[0].getPublicKey().getAlgorithm());
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password, chain);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("The key in " + keyFile + " does not fit the certificate in " + certificateFile
                    + " (" + e.getMessage() + "); give the key the certificate was made for.", e);
        }
    }

    private static Certificate[] certificates(Path file) {
        try {
            Collection<? extends Certificate> chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)));
            if (chain.isEmpty()) throw new IllegalArgumentException("The file " + file + " holds no certificate; give a PEM file starting with -----BEGIN CERTIFICATE-----.");
            return chain.toArray(Certificate[]::new);
        } catch (IOException e) {
            throw new IllegalArgumentException("The certificate file " + file + " cannot be read (" + e.getMessage() + ").", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The file " + file + " is not a PEM certificate (" + e.getMessage()
                    + "); give a file starting with -----BEGIN CERTIFICATE-----.", e);
        }
    }

    private static PrivateKey privateKey(Path file, String algorithm) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("The key file " + file + " cannot be read (" + e.getMessage() + ").", e);
        }
        Matcher m = PKCS8.matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException("The key in " + file + " is not an unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----); "
                    + "convert it with: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(m.group(1));
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The key in " + file + " is not a " + algorithm + " key for the certificate ("
                    + e.getMessage() + "); give the key the certificate was made for.", e);
        }
    }
}
