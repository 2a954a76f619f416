package dev.estserver.service.enrollment;

/**
 * The answer to {@code /serverkeygen}: a committed certificate and the private key generated for it, which exists
 * only in this object on its way to the client.
 *
 * @param key       DER PKCS#8 PrivateKeyInfo, or when {@code encrypted} a DER CMS EnvelopedData holding it
 * @param encrypted whether the key was encrypted to the client's key beyond TLS (RFC 7030 §4.4.2)
 */
public record ServerGeneratedKey(IssuedCertificate certificate, byte[] key, boolean encrypted) {

    /** Never shows the key, whatever a log statement or debugger prints. */
    @Override
    public String toString() {
        return "ServerGeneratedKey[serial=" + certificate.serial() + ", encrypted=" + encrypted + "]";
    }
}
