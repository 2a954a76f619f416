package dev.estserver.service.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Security;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;

import javax.crypto.KeyAgreement;

import org.junit.jupiter.api.Test;

/** The key exchange the JDK's TLS stack makes with an x25519 key share, on BouncyCastle, agreeing with SunEC's. */
class X25519ProviderTest {

    private static final X25519Provider PROVIDER = new X25519Provider();

    @Test
    void agreesWithSunEcOnTheSharedSecretTheWayTlsDerivesIt() throws Exception {
        KeyPairGenerator ours = KeyPairGenerator.getInstance("XDH", PROVIDER);
        ours.initialize(NamedParameterSpec.X25519);
        KeyPair server = ours.generateKeyPair();
        KeyPairGenerator sunEc = KeyPairGenerator.getInstance("XDH", Security.getProvider("SunEC"));
        sunEc.initialize(NamedParameterSpec.X25519);
        KeyPair client = sunEc.generateKeyPair();

        // As the TLS stack does: the peer's key share arrives as a u-coordinate and goes through a key factory.
        PublicKey clientShare = KeyFactory.getInstance("XDH", PROVIDER).generatePublic(
                new XECPublicKeySpec(NamedParameterSpec.X25519, ((XECPublicKey) client.getPublic()).getU()));
        KeyAgreement serverSide = KeyAgreement.getInstance("XDH", PROVIDER);
        serverSide.init(server.getPrivate());
        serverSide.doPhase(clientShare, true);
        KeyAgreement clientSide = KeyAgreement.getInstance("XDH", Security.getProvider("SunEC"));
        clientSide.init(client.getPrivate());
        clientSide.doPhase(server.getPublic(), true);

        assertThat(serverSide.generateSecret()).isEqualTo(clientSide.generateSecret());
        assertThat(serverSide.getProvider().getName()).isEqualTo("BC-X25519");
    }

    @Test
    void offersX25519AndNothingElseOfBouncyCastle() {
        assertThat(PROVIDER.getServices()).extracting(s -> s.getType() + "." + s.getAlgorithm())
                .containsExactlyInAnyOrder("KeyPairGenerator.XDH", "KeyPairGenerator.X25519", "KeyFactory.XDH",
                        "KeyFactory.X25519", "KeyAgreement.XDH", "KeyAgreement.X25519");
    }
}
