package dev.estserver.service.ca;

import java.time.Duration;
import java.util.List;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * What an issued certificate gets from its profile, whatever the CSR asks for.
 *
 * @param keyUsage KeyUsage bits (BouncyCastle {@code KeyUsage} constants), before dropping those the key cannot do
 */
public record CertificateTemplate(Duration validity, int keyUsage, List<KeyPurposeId> extendedKeyUsage) {
}
