package org.xnat.dicom.net.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS settings for DICOM connections (PS3.15 B.9, BCP 195: TLS 1.2 or later by default).
 * The SSLContext carries our key (SCP certificate, or SCU client certificate) and the trusted
 * peers; {@link ClientAuth} decides whether an SCP asks for client certificates.
 */
public final class TlsOptions {

    public enum ClientAuth { NONE, WANT, NEED }

    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final SSLContext context;
    private final List<String> protocols;
    private final List<String> cipherSuites;
    private final ClientAuth clientAuth;

    public TlsOptions(SSLContext context, List<String> protocols, List<String> cipherSuites, ClientAuth clientAuth) {
        this.context = Objects.requireNonNull(context, "context");
        this.protocols = protocols == null || protocols.isEmpty() ? DEFAULT_PROTOCOLS : List.copyOf(protocols);
        this.cipherSuites = cipherSuites == null ? List.of() : List.copyOf(cipherSuites);
        this.clientAuth = clientAuth == null ? ClientAuth.NONE : clientAuth;
    }

    public static TlsOptions of(SSLContext context, ClientAuth clientAuth) {
        return new TlsOptions(context, null, null, clientAuth);
    }

    /**
     * From PEM files: our certificate chain and PKCS#8 private key (both optional: a client without
     * a certificate passes nulls), and the certificates we trust (null = the JVM's default trust).
     */
    public static TlsOptions fromPem(Path certificateChain, Path privateKey, Path trustedCertificates, ClientAuth clientAuth)
            throws IOException, GeneralSecurityException {
        KeyStore keys = null;
        char[] none = new char[0];
        if (certificateChain != null && privateKey != null) {
            keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            List<Certificate> chain = readCertificates(certificateChain);
            keys.setKeyEntry("key", readPrivateKey(privateKey), none, chain.toArray(new Certificate[0]));
        }
        KeyStore trust = null;
        if (trustedCertificates != null) {
            trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Certificate c : readCertificates(trustedCertificates)) {
                trust.setCertificateEntry("trusted-" + i++, c);
            }
        }
        return of(buildContext(keys, none, trust), clientAuth);
    }

    /** From key stores (PKCS12 or JKS); either may be null. */
    public static TlsOptions fromKeyStores(Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword,
            ClientAuth clientAuth) throws IOException, GeneralSecurityException {
        KeyStore keys = keyStore == null ? null : load(keyStore, keyStorePassword);
        KeyStore trust = trustStore == null ? null : load(trustStore, trustStorePassword);
        return of(buildContext(keys, keyStorePassword, trust), clientAuth);
    }

    private static KeyStore load(Path p, char[] password) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(p)) {
            KeyStore ks = KeyStore.getInstance(p.toString().endsWith(".jks") ? "JKS" : "PKCS12");
            ks.load(in, password);
            return ks;
        }
    }

    private static SSLContext buildContext(KeyStore keys, char[] keyPassword, KeyStore trust) throws GeneralSecurityException {
        KeyManagerFactory kmf = null;
        if (keys != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, keyPassword);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    static List<Certificate> readCertificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new GeneralSecurityException("no certificate in " + pem);
            }
            return new ArrayList<>(certs);
        }
    }

    static PrivateKey readPrivateKey(Path pem) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN PRIVATE KEY-----";
        int start = text.indexOf(begin);
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < start) {
            throw new GeneralSecurityException(pem + " holds no unencrypted PKCS#8 key (\"BEGIN PRIVATE KEY\"); "
                    + "convert it with: openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(start + begin.length(), end));
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        GeneralSecurityException last = null;
        for (String alg : new String[] {"RSA", "EC", "Ed25519", "Ed448", "DSA"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("unsupported private key algorithm in " + pem, last);
    }

    public SSLContext context() {
        return context;
    }

    public List<String> protocols() {
        return protocols;
    }

    public List<String> cipherSuites() {
        return cipherSuites;
    }

    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /** Wraps a connected plain socket as a TLS client socket (SCU side). */
    public SSLSocket wrapClient(Socket plain, String host, int port) throws IOException {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        s.setUseClientMode(true);
        configure(s);
        return s;
    }

    /** Wraps an accepted plain socket as a TLS server socket (SCP side). */
    public SSLSocket wrapServer(Socket plain) throws IOException {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        s.setUseClientMode(false);
        configure(s);
        switch (clientAuth) {
            case NEED -> s.setNeedClientAuth(true);
            case WANT -> s.setWantClientAuth(true);
            default -> s.setWantClientAuth(false);
        }
        return s;
    }

    private void configure(SSLSocket s) {
        List<String> supported = List.of(s.getSupportedProtocols());
        String[] p = protocols.stream().filter(supported::contains).toArray(String[]::new);
        if (p.length == 0) {
            throw new IllegalStateException("none of the TLS protocols " + protocols + " is supported by this JVM");
        }
        s.setEnabledProtocols(p);
        if (!cipherSuites.isEmpty()) {
            s.setEnabledCipherSuites(cipherSuites.toArray(new String[0]));
        }
    }
}
