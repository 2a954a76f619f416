package dev.estserver.service.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.Test;

import dev.estserver.service.ca.CertificateRequestData;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.TestKeys;

/** RFC 6402 §2.8 ChangeSubjectName, in the original untagged form and in the tagged form of erratum 3943. */
class SubjectNameChangeTest {

    private static final GeneralNames NEW_SAN = new GeneralNames(new GeneralName(GeneralName.dNSName, "new.example"));

    private static SubjectNameChange parse(DERSequence value) {
        return SubjectNameChange.of(Csrs.withAttributes(TestKeys.ecP256(), "CN=old",
                Csrs.attribute(SubjectNameChange.OID, value))).orElseThrow();
    }

    @Test
    void absentWithoutTheAttribute() {
        assertThat(SubjectNameChange.of(Csrs.csr(TestKeys.ecP256(), "CN=old"))).isEmpty();
    }

    @Test
    void readsSubjectAndTaggedSubjectAlt() {
        SubjectNameChange change = parse(new DERSequence(new ASN1Encodable[] {
                new X500Name("CN=new"), new DERTaggedObject(false, 1, NEW_SAN)}));
        assertThat(change.subject()).contains(new X500Name("CN=new"));
        assertThat(change.subjectAltNames()).contains(NEW_SAN);
    }

    @Test
    void readsUntaggedSubjectAltAlone() {
        SubjectNameChange change = parse(new DERSequence(NEW_SAN));
        assertThat(change.subject()).isEmpty();
        assertThat(change.subjectAltNames()).contains(NEW_SAN);
    }

    @Test
    void replacesOnlyTheNamesItCarries() {
        CertificateRequestData request = CertificateRequestData.of(
                Csrs.csr(TestKeys.ecP256(), "CN=old", "old.example"));
        CertificateRequestData renamed = parse(new DERSequence(new X500Name("CN=new"))).applyTo(request);
        assertThat(renamed.subject()).isEqualTo(new X500Name("CN=new"));
        assertThat(renamed.subjectAltNames()).isEqualTo(request.subjectAltNames());
        assertThat(renamed.publicKey()).isEqualTo(request.publicKey());
    }

    @Test
    void rejectsAnEmptyOrForeignValue() {
        assertThatThrownBy(() -> parse(new DERSequence())).isInstanceOf(RequestRejected.class)
                .hasMessageContaining("neither subject nor subjectAlt is present");
        assertThatThrownBy(() -> parse(new DERSequence(new DERUTF8String("x")))).isInstanceOf(RequestRejected.class)
                .hasMessageStartingWith("ChangeSubjectName attribute (RFC 6402 §2.8)");
    }
}
