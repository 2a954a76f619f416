package dev.estserver.service.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.est.CsrAttrs;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;

import dev.estserver.service.ca.Der;
import dev.estserver.service.support.Asn1Tree;
import dev.estserver.service.support.TestProfiles;

/** What {@code /csrattrs} says for each profile switch, down to the ASN.1. */
class CsrAttributesTest {

    private static Optional<byte[]> encode(String... properties) {
        return CsrAttributes.encode(ProfileParser.parse("devices", TestProfiles.config(properties)));
    }

    private static String tree(String... properties) {
        return Asn1Tree.of(encode(properties).orElseThrow());
    }

    @Test
    void noneAnswersNothingWhateverTheProfileRequires() {
        assertThat(encode("csrattrs", "none", "allowed-keys", "ec-p256", "channel-binding", "true",
                "subject.required", "CN")).isEmpty();
    }

    @Test
    void profileWithNothingToSayAnswersNothingInEitherForm() {
        // The defaults accept four key kinds and require no name: nothing a client must be told.
        assertThat(encode()).isEmpty();
        assertThat(encode("csrattrs", "template")).isEmpty();
    }

    @Test
    void legacyListsChallengePasswordRsaSizeAndSignature() {
        assertThat(tree("allowed-keys", "rsa-3072", "channel-binding", "true")).isEqualTo("""
                SEQUENCE
                  OID 1.2.840.113549.1.9.7 challengePassword
                  SEQUENCE
                    OID 1.2.840.113549.1.1.1 rsaEncryption
                    SET
                      INTEGER 3072
                  OID 1.2.840.113549.1.1.11 sha256WithRSAEncryption
                """);
    }

    @Test
    void legacyNamesCurveRequiredNamesAndMatchingEcdsaHash() {
        assertThat(tree("csrattrs", "legacy", "allowed-keys", "ec-p384", "subject.required", "serialnumber,CN",
                "san.required", "dns,ip")).isEqualTo("""
                SEQUENCE
                  SEQUENCE
                    OID 1.2.840.10045.2.1 ecPublicKey
                    SET
                      OID 1.3.132.0.34 secp384r1
                  OID 2.5.4.3 commonName
                  OID 2.5.4.5 serialNumber
                  OID 2.5.29.17 subjectAltName
                  OID 1.2.840.10045.4.3.3 ecdsa-with-SHA384
                """);
    }

    @Test
    void templateComesFirstWithSubjectKeyAndSanBlanksThenTheLegacyFallback() {
        assertThat(tree("csrattrs", "template", "allowed-keys", "ec-p256", "subject.required", "CN",
                "subject.patterns.CN", "dev-[0-9]+", "san.required", "dns")).isEqualTo("""
                SEQUENCE
                  SEQUENCE
                    OID 1.2.840.113549.1.9.16.2.61 certificationRequestInfoTemplate
                    SET
                      SEQUENCE
                        INTEGER 0
                        SEQUENCE
                          SET
                            SEQUENCE
                              OID 2.5.4.3 commonName
                        [0]
                          SEQUENCE
                            OID 1.2.840.10045.2.1 ecPublicKey
                            OID 1.2.840.10045.3.1.7 secp256r1
                        [1]
                          SEQUENCE
                            OID 1.2.840.113549.1.9.14 extensionRequest
                            SET
                              SEQUENCE
                                SEQUENCE
                                  OID 2.5.29.17 subjectAltName
                                  OCTET STRING encapsulates
                                    SEQUENCE
                                      [2] (empty)
                  SEQUENCE
                    OID 1.2.840.10045.2.1 ecPublicKey
                    SET
                      OID 1.2.840.10045.3.1.7 secp256r1
                  OID 2.5.4.3 commonName
                  OID 2.5.29.17 subjectAltName
                  OID 1.2.840.10045.4.3.2 ecdsa-with-SHA256
                """);
    }

    @Test
    void templateStatesRsaSizeWithAPlaceholderKeyOfThatModulusLength() {
        ASN1Sequence template = template("csrattrs", "template", "allowed-keys", "rsa-3072");
        ASN1Sequence keyTemplate = (ASN1Sequence) ((ASN1TaggedObject) template.getObjectAt(1))
                .getBaseUniversal(false, BERTags.SEQUENCE);
        assertThat(keyTemplate.size()).isEqualTo(2);
        SubjectPublicKeyInfo asKey = SubjectPublicKeyInfo.getInstance(keyTemplate);
        assertThat(asKey.getAlgorithm())
                .isEqualTo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE));
        RSAPublicKey placeholder = RSAPublicKey.getInstance(asKey.getPublicKeyData().getOctets());
        assertThat(placeholder.getModulus().bitLength()).isEqualTo(3072);
        assertThat(placeholder.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
    }

    @Test
    void templateMarksChallengePasswordAndOneTimeCodeAsAttributesWithoutValue() {
        assertThat(templateTree("csrattrs", "template", "channel-binding", "true",
                "auth-methods", "one-time-code")).isEqualTo("""
                SEQUENCE
                  INTEGER 0
                  [1]
                    SEQUENCE
                      OID 1.2.840.113549.1.9.7 challengePassword
                      SET
                    SEQUENCE
                      OID 1.2.840.113549.1.9.16.2.56 otpChallenge
                      SET
                """);
    }

    @Test
    void oneTimeCodeIsAskedForOnlyWhenItIsTheOnlyWayToAuthenticate() {
        assertThat(tree("auth-methods", "one-time-code")).isEqualTo("""
                SEQUENCE
                  OID 1.2.840.113549.1.9.16.2.56 otpChallenge
                """);
        assertThat(encode("auth-methods", "basic,one-time-code")).isEmpty();
    }

    @Test
    void templateBlanksEveryRequiredNameTypeThatHasAnEmptyForm() {
        // otherName has no empty form and is left out; the others sort by type name: dirname, email, ip, uri.
        assertThat(templateTree("csrattrs", "template", "san.required", "uri,ip,othername,email,dirname"))
                .isEqualTo("""
                SEQUENCE
                  INTEGER 0
                  [1]
                    SEQUENCE
                      OID 1.2.840.113549.1.9.14 extensionRequest
                      SET
                        SEQUENCE
                          SEQUENCE
                            OID 2.5.29.17 subjectAltName
                            OCTET STRING encapsulates
                              SEQUENCE
                                [4]
                                  SEQUENCE
                                [1] (empty)
                                [7] (empty)
                                [6] (empty)
                """);
    }

    @Test
    void templateAsksForTheExtensionWithoutAValueWhenNoRequiredTypeHasABlank() {
        assertThat(templateTree("csrattrs", "template", "san.required", "rid")).isEqualTo("""
                SEQUENCE
                  INTEGER 0
                  [1]
                    SEQUENCE
                      OID 1.2.840.113549.1.9.16.2.62 extensionReqTemplate
                      SET
                        SEQUENCE
                          SEQUENCE
                            OID 2.5.29.17 subjectAltName
                """);
    }

    @Test
    void ed25519IsNamedOnceByItsOidWhichIsAlsoItsSignature() {
        assertThat(tree("csrattrs", "template", "allowed-keys", "ed25519")).isEqualTo("""
                SEQUENCE
                  SEQUENCE
                    OID 1.2.840.113549.1.9.16.2.61 certificationRequestInfoTemplate
                    SET
                      SEQUENCE
                        INTEGER 0
                        [0]
                          SEQUENCE
                            OID 1.3.101.112 Ed25519
                        [1]
                  OID 1.3.101.112 Ed25519
                """);
    }

    @Test
    void severalAcceptedKeyKindsLeaveTheKeyToTheClient() {
        assertThat(tree("allowed-keys", "ec-p256,ec-p384", "subject.required", "CN")).isEqualTo("""
                SEQUENCE
                  OID 2.5.4.3 commonName
                """);
    }

    @Test
    void encodingIsOneDerCsrAttrsValueWithNothingAfterIt() {
        byte[] der = encode("csrattrs", "template", "allowed-keys", "rsa-2048", "channel-binding", "true",
                "subject.required", "CN,O", "san.required", "dns,ip").orElseThrow();
        // Asn1Tree parses exactly one value and compares its DER re-encoding byte for byte.
        assertThat(Asn1Tree.of(der)).startsWith("SEQUENCE\n");
        assertThat(CsrAttrs.getInstance(der).size()).isEqualTo(7);
    }

    private static String templateTree(String... properties) {
        return Asn1Tree.of(Der.encode(template(properties)));
    }

    /** The CertificationRequestInfoTemplate, the first element of the answer. */
    private static ASN1Sequence template(String... properties) {
        CsrAttrs attrs = CsrAttrs.getInstance(encode(properties).orElseThrow());
        return (ASN1Sequence) attrs.getAttrOrOIDs()[0].getAttribute().getAttributeValues()[0];
    }
}
