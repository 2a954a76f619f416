package dev.estserver.bench.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.estserver.bench.load.CsrPool;
import dev.estserver.bench.run.BenchPki;
import dev.estserver.bench.run.CaAlgorithm;
import dev.estserver.service.crypto.Crypto;
import dev.estserver.service.ca.IssuingCa;

class CryptoLimitTest {

    @TempDir
    Path dir;

    @Test
    void oneOperationIssuesTheCertificateTheServiceWouldForTheRequest() throws Exception {
        IssuingCa ca = BenchPki.generate(dir, CaAlgorithm.RSA_2048).issuingCa();
        PKCS10CertificationRequest csr = CsrPool.generate(1, "device").next().request();

        X509CertificateHolder issued = new X509CertificateHolder(new CryptoLimit(ca, 1).enroll(csr));

        assertThat(issued.getSubjectPublicKeyInfo()).isEqualTo(csr.getSubjectPublicKeyInfo());
        assertThat(issued.getSubject()).isEqualTo(csr.getSubject());
        assertThat(issued.getIssuer()).isEqualTo(ca.subject());
        assertThat(issued.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Crypto.BC)
                .build(ca.certificate()))).isTrue();
    }

    @Test
    void measuresOperationsPerSecondOnEveryThread() {
        IssuingCa ca = BenchPki.generate(dir, CaAlgorithm.EC_P256).issuingCa();
        CryptoLimit limit = new CryptoLimit(ca, 2);

        double perSecond = limit.measure(Duration.ofMillis(200), Duration.ofMillis(500));

        assertThat(limit.threads()).isEqualTo(2);
        assertThat(perSecond).isPositive();
    }
}
