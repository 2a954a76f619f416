package dev.estserver.bench.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.estserver.bench.load.CsrPool;
import dev.estserver.bench.run.BenchPki;
import dev.estserver.bench.run.CaAlgorithm;
import dev.estserver.service.crypto.Crypto;
import dev.estserver.service.crypto.CryptoProviders;
import dev.estserver.service.crypto.NativeProvider;

class CryptoLimitTest {

    private static final String ACCP = "AmazonCorrettoCryptoProvider";

    @TempDir
    Path dir;

    @Test
    void oneOperationIssuesTheCertificateTheServiceWouldForTheRequest() throws Exception {
        BenchPki pki = BenchPki.generate(dir, CaAlgorithm.RSA_2048);
        PKCS10CertificationRequest csr = CsrPool.generate(1, "device").next().request();

        CryptoLimit limit = new CryptoLimit(pki.caPrivateKey(), pki.caChain(), CryptoProviders.jdk(), 1);
        X509CertificateHolder issued = new X509CertificateHolder(limit.enroll(csr));

        assertThat(issued.getSubjectPublicKeyInfo()).isEqualTo(csr.getSubjectPublicKeyInfo());
        assertThat(issued.getSubject()).isEqualTo(csr.getSubject());
        assertThat(issued.getIssuer()).isEqualTo(X500Name.getInstance(pki.caChain().getFirst()
                .getSubjectX500Principal().getEncoded()));
        assertThat(issued.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Crypto.BC)
                .build(pki.caChain().getFirst()))).isTrue();
    }

    @Test
    void measuresOperationsPerSecondOnEveryThread() {
        BenchPki pki = BenchPki.generate(dir, CaAlgorithm.EC_P256);
        CryptoLimit limit = new CryptoLimit(pki.caPrivateKey(), pki.caChain(), CryptoProviders.jdk(), 2);

        double perSecond = limit.measure(Duration.ofMillis(200), Duration.ofMillis(500));

        assertThat(limit.threads()).isEqualTo(2);
        assertThat(perSecond).isPositive();
    }

    @Test
    void checksAndSignsOnTheNativeSetWhenGivenIt() {
        BenchPki pki = BenchPki.generate(dir, CaAlgorithm.RSA_2048);
        CryptoProviders providers = CryptoProviders.nativeWith(NativeProvider.load().provider());
        CryptoLimit limit = new CryptoLimit(pki.caPrivateKey(), pki.caChain(), providers, 1);

        double perSecond = limit.measure(Duration.ofMillis(100), Duration.ofMillis(200));

        assertThat(perSecond).isPositive();
        assertThat(CryptoProviders.active()).as("the set CSR checks ask for").isSameAs(providers);
        assertThat(limit.computedOn()).isEqualTo("CSR check on " + ACCP + ", CA signature on " + ACCP);
    }

    @Test
    void checksAndSignsOnTheJdkSetWhenGivenItEvenAfterTheNativeOne() {
        BenchPki pki = BenchPki.generate(dir, CaAlgorithm.EC_P256);
        CryptoProviders nativeSet = CryptoProviders.nativeWith(NativeProvider.load().provider());
        CryptoLimit nativeLimit = new CryptoLimit(pki.caPrivateKey(), pki.caChain(), nativeSet, 1);
        CryptoProviders jdk = CryptoProviders.jdk();
        CryptoLimit jdkLimit = new CryptoLimit(pki.caPrivateKey(), pki.caChain(), jdk, 1);

        nativeLimit.measure(Duration.ofMillis(100), Duration.ofMillis(100));
        jdkLimit.measure(Duration.ofMillis(100), Duration.ofMillis(100));

        assertThat(CryptoProviders.active()).isSameAs(jdk);
        assertThat(jdkLimit.computedOn()).isEqualTo("CSR check on BC, CA signature on SunEC");
    }
}
