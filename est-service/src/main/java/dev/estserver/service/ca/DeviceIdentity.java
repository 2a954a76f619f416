package dev.estserver.service.ca;

import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/** The identity a device is known by: the subject CN, else the whole subject, else its first SAN. */
public final class DeviceIdentity {

    private DeviceIdentity() {
    }

    public static String of(CertificateRequestData request) {
        for (RDN rdn : request.subject().getRDNs(BCStyle.CN)) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                if (BCStyle.CN.equals(attribute.getType())) {
                    return IETFUtils.valueToString(attribute.getValue());
                }
            }
        }
        if (request.subject().getRDNs().length > 0) {
            return request.subject().toString();
        }
        return request.subjectAltNames().map(names -> names.getNames())
                .filter(names -> names.length > 0)
                .map(names -> SubjectAltNames.describe(names[0]))
                .orElseThrow(() -> new RequestRejected(Problem.MALFORMED, "CSR has neither a subject nor a subject "
                        + "alternative name; one is needed to identify the device"));
    }
}
