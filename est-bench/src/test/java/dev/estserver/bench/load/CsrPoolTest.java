package dev.estserver.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

class CsrPoolTest {

    @Test
    void generatesSignedRequestsWithDistinctIdentitiesThatMatchTheirRecord() throws Exception {
        CsrPool pool = CsrPool.generate(40, "dev-a1");

        List<Csr> taken = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            taken.add(pool.next());
        }

        assertThat(taken).extracting(Csr::subject).doesNotHaveDuplicates()
                .contains(new X500Name("CN=dev-a1-1"), new X500Name("CN=dev-a1-40"));
        for (Csr csr : taken) {
            PKCS10CertificationRequest request = new PKCS10CertificationRequest(Base64.getDecoder().decode(csr.base64()));
            assertThat(request.getSubject()).isEqualTo(csr.subject());
            assertThat(request.getSubjectPublicKeyInfo()).isEqualTo(csr.publicKey());
            assertThat(request.getSubjectPublicKeyInfo().getAlgorithm().getParameters().toString())
                    .isEqualTo("1.2.840.10045.3.1.7");
            assertThat(request.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .build(request.getSubjectPublicKeyInfo()))).isTrue();
        }
    }

    @Test
    void sharesADeviceKeyAmongABoundedNumberOfRequestsOnly() {
        CsrPool pool = CsrPool.generate(CsrPool.REQUESTS_PER_KEY * 3, "dev");

        List<Csr> taken = IntStream.range(0, pool.size()).mapToObj(i -> pool.next()).toList();

        assertThat(taken.stream().map(Csr::publicKey).distinct()).hasSize(3);
    }

    @Test
    void failsLoudlyWhenMoreRequestsAreTakenThanGeneratedEvenConcurrently() throws Exception {
        CsrPool pool = CsrPool.generate(100, "dev");
        ConcurrentLinkedQueue<Csr> taken = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> workers = IntStream.range(0, 8).mapToObj(i -> Thread.ofVirtual().start(() -> {
            for (int j = 0; j < 20; j++) {
                try {
                    taken.add(pool.next());
                } catch (CsrPoolExhaustedException e) {
                    failures.add(e);
                }
            }
        })).toList();
        for (Thread worker : workers) {
            worker.join();
        }

        assertThat(taken).hasSize(100).doesNotHaveDuplicates();
        assertThat(failures).hasSize(60);
        assertThatThrownBy(pool::next).isInstanceOf(CsrPoolExhaustedException.class)
                .hasMessageContaining("all 100 pre-generated requests were used");
    }

    @Test
    void rejectsAnIdentityPrefixAStrictProfileWouldRefuse() {
        assertThatThrownBy(() -> CsrPool.generate(1, "Dev_1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("identity prefix must match [a-z0-9-]+, was 'Dev_1'");
    }
}
