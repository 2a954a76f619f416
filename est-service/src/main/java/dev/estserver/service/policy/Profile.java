package dev.estserver.service.policy;

import java.util.List;
import java.util.Set;

import dev.estserver.service.ca.CertificateTemplate;
import dev.estserver.service.ca.KeyRequirement;

/**
 * A certificate profile: what a label's certificates look like, which CSRs and callers it accepts, and which EST
 * features it turns on.
 *
 * @param issuingCa  name of the issuing CA ({@code default} or one of {@code est.cas})
 * @param subject    rules for CSR subject attributes, keyed by upper-case short name (CN, O, ...) or OID
 * @param san        rules for CSR subject alternative names, keyed by type (dns, ip, email, uri, dirname,
 *                   othername, rid)
 * @param authMethods how callers of {@code /simpleenroll}, {@code /serverkeygen} and {@code /fullcmc} may
 *                    authenticate; {@code /simplereenroll} always takes the certificate being renewed
 * @param channelBinding whether the CSR must carry the TLS channel binding in its challengePassword
 */
public record Profile(
        String name,
        String issuingCa,
        CertificateTemplate certificate,
        List<KeyRequirement> allowedKeys,
        NameRules subject,
        NameRules san,
        Set<AuthMethod> authMethods,
        DuplicateDevicePolicy duplicateDevice,
        ServerKeygenPolicy serverKeygen,
        ApprovalPolicy approval,
        boolean channelBinding,
        boolean changeSubjectName,
        CsrAttrsForm csrAttrs) {
}
