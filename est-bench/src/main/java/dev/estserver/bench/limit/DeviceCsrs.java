package dev.estserver.bench.limit;

import java.security.KeyPair;
import java.util.List;
import java.util.stream.IntStream;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import dev.estserver.service.ca.Crypto;
import dev.estserver.service.ca.KeyPairs;

/**
 * Device requests for the crypto limit: EC P-256 keys, whatever the CA's key type, like the load generator's, so
 * that the limit and the scenarios verify the same signatures.
 */
final class DeviceCsrs {

    private DeviceCsrs() {
    }

    static List<PKCS10CertificationRequest> generate(int count, String identityPrefix) {
        return IntStream.range(0, count).mapToObj(i -> csr(identityPrefix + i)).toList();
    }

    private static PKCS10CertificationRequest csr(String identity) {
        KeyPair keys = KeyPairs.ecP256();
        try {
            return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + identity), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Crypto.BC)
                            .build(keys.getPrivate()));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }
}
