package dev.estserver.service.protocol.est;

/**
 * Media types of RFC 7030 §3.2.4. Response types are sent byte for byte as written here: libest compares
 * {@code application/pkcs7-mime; smime-type=certs-only} as a string, including the space.
 */
final class EstMediaTypes {

    static final String PKCS10 = "application/pkcs10";
    static final String PKCS7 = "application/pkcs7-mime";
    static final String PKCS7_CERTS_ONLY = "application/pkcs7-mime; smime-type=certs-only";
    static final String PKCS8 = "application/pkcs8";
    static final String PKCS7_SERVER_GENERATED_KEY = "application/pkcs7-mime; smime-type=server-generated-key";
    static final String MULTIPART_MIXED = "multipart/mixed";
    static final String CSRATTRS = "application/csrattrs";
    static final String PKCS7_CMC_RESPONSE = "application/pkcs7-mime; smime-type=CMC-response";

    private EstMediaTypes() {
    }
}
